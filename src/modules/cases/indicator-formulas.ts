// The case indicators' counts and formulas (考核指标): what the timeline's events count for,
// and the rates computed from the counts. The indicators (indicators.ts) and the daily rollup
// (rollup/) both use them; nothing else writes them again.
//
// Formulas (rates are null when their denominator is 0):
//   onTimeClosureRate 按期结案率 = closures in the period with no overdue mark before them / closures
//   reworkRate 返工率            = closures after at least one failed verification / closures
//   extensionRate 延期率          = closures after at least one approved extension / closures
//   satisfactionRate 满意度       = (satisfied + basically satisfied) / ratings
//   接诉即办 three rates: responseRate 响应率 = acceptances within the accept time limit / acceptances;
//   resolutionRate 解决率 = ratings saying solved / ratings; satisfiedRate 满意率 = satisfied / ratings.
//   averageHandlingHours = mean time from report to closure, in calendar hours.
// By department, an event counts for the unit leading the case (主办) right after it: a
// department answers for the dispatches it received, the closures, ratings and overdue
// marks of what it led; acceptance happens before any department is involved.
import { sql } from 'drizzle-orm';

/** The counts the indicators are computed from (the daily rollup keeps the same ones per day; handling_hours is their mean). */
export interface IndicatorCounts {
  unit: string;
  reported: number;
  accepted: number;
  accepted_on_time: number;
  registered: number;
  dispatched: number;
  closed: number;
  closed_on_time: number;
  closed_reworked: number;
  closed_extended: number;
  handling_hours: number | null;
  overdue: number;
  rated: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  resolved: number;
}

/** Counts of the same unit from several parts (periods, rollup and timeline) added up; the mean hours weighted by closures. */
export function sumCounts(rows: IndicatorCounts[]): IndicatorCounts {
  const total = emptyIndicatorCounts('');
  let hoursWeight = 0;
  let hours = 0;
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (k === 'unit' || k === 'handling_hours') continue;
      (total as unknown as Record<string, number>)[k] = ((total as unknown as Record<string, number>)[k] ?? 0) + Number(v);
    }
    if (r.handling_hours !== null) {
      hours += r.handling_hours * r.closed;
      hoursWeight += r.closed;
    }
  }
  total.handling_hours = hoursWeight ? hours / hoursWeight : null;
  return total;
}

/** No events: the counts of a unit that had none. */
export function emptyIndicatorCounts(unit: string): IndicatorCounts {
  return {
    unit, reported: 0, accepted: 0, accepted_on_time: 0, registered: 0, dispatched: 0, closed: 0, closed_on_time: 0, closed_reworked: 0,
    closed_extended: 0, handling_hours: null, overdue: 0, rated: 0, satisfied: 0, basically_satisfied: 0, unsatisfied: 0, resolved: 0,
  };
}

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/** The indicators from their counts: the one place the formulas are written. */
export function indicatorMetrics(c: IndicatorCounts) {
  return {
    reported: c.reported,
    accepted: c.accepted,
    registered: c.registered,
    dispatched: c.dispatched,
    closed: c.closed,
    onTimeClosureRate: rate(c.closed_on_time, c.closed),
    reworkRate: rate(c.closed_reworked, c.closed),
    extensionRate: rate(c.closed_extended, c.closed),
    overdueCount: c.overdue,
    averageHandlingHours: c.handling_hours === null ? null : Math.round(c.handling_hours * 10) / 10,
    rated: c.rated,
    satisfied: c.satisfied,
    basicallySatisfied: c.basically_satisfied,
    unsatisfied: c.unsatisfied,
    satisfactionRate: rate(c.satisfied + c.basically_satisfied, c.rated),
    responseRate: rate(c.accepted_on_time, c.accepted),
    resolutionRate: rate(c.resolved, c.rated),
    satisfiedRate: rate(c.satisfied, c.rated),
  };
}

export type IndicatorMetrics = ReturnType<typeof indicatorMetrics>;

/** The select list shared by both groupings (and the command centre's rollup); `e` is the events of the period (closures carry their facts in details). */
export const countsSelect = sql`
  count(*) filter (where e.action = 'report')::int as reported,
  count(*) filter (where e.action = 'accept')::int as accepted,
  count(*) filter (where e.action = 'accept' and (e.details->>'onTime') = 'true')::int as accepted_on_time,
  count(*) filter (where e.action = 'register')::int as registered,
  count(*) filter (where e.action = 'dispatch')::int as dispatched,
  count(*) filter (where e.action = 'verify_pass')::int as closed,
  count(*) filter (where e.action = 'verify_pass' and (e.details->>'overdue') is distinct from 'true')::int as closed_on_time,
  count(*) filter (where e.action = 'verify_pass' and (e.details->>'reworked') = 'true')::int as closed_reworked,
  count(*) filter (where e.action = 'verify_pass' and (e.details->>'extended') = 'true')::int as closed_extended,
  (avg(extract(epoch from (e.at - (e.details->>'reportedAt')::timestamptz))) filter (where e.action = 'verify_pass') / 3600)::float8 as handling_hours,
  count(*) filter (where e.action = 'overdue')::int as overdue,
  count(*) filter (where e.action = 'rate')::int as rated,
  count(*) filter (where e.action = 'rate' and e.rating = 'satisfied')::int as satisfied,
  count(*) filter (where e.action = 'rate' and e.rating = 'basically_satisfied')::int as basically_satisfied,
  count(*) filter (where e.action = 'rate' and e.rating = 'unsatisfied')::int as unsatisfied,
  count(*) filter (where e.action = 'rate' and (e.details->>'resolved') = 'true')::int as resolved`;

/** The timeline actions the indicators count. */
export const countedActions = ['report', 'accept', 'register', 'dispatch', 'verify_pass', 'overdue', 'rate'];

