// Case indicators per unit and period (考核指标), counted from the timeline: what happened
// in the period, attributed to the part of the tree the case lies in (streets, communities)
// or to the departments it was dispatched to.
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
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, scopePaths, type Actor } from '../../platform/auth/scope.ts';
import { findOrgUnit, listChildOrgNodes, orgUnitsUnder, type TreePlace } from '../org/index.ts';
import type { CaseIndicatorsView } from './contract.ts';

export interface IndicatorQuery {
  /** The node whose children (or departments) are compared; default: the actor's own scope. */
  under?: string | undefined;
  groupBy: 'children' | 'departments';
  from: Date;
  to: Date;
}

/** The counts the indicators are computed from (the command centre's rollup keeps the same ones per day). */
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

function sumCounts(rows: IndicatorCounts[]): IndicatorCounts {
  const total: IndicatorCounts = {
    unit: '', reported: 0, accepted: 0, accepted_on_time: 0, registered: 0, dispatched: 0, closed: 0, closed_on_time: 0, closed_reworked: 0,
    closed_extended: 0, handling_hours: null, overdue: 0, rated: 0, satisfied: 0, basically_satisfied: 0, unsatisfied: 0, resolved: 0,
  };
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

/** The period's events of cases under a path, from the timeline alone (it carries the case's org path). */
function territoryEvents(from: Date, to: Date, underPath: string): SQL {
  return sql`select t.action, t.at, t.rating, t.details, t.org_path
    from case_timeline t
    where t.action in ${countedActions} and t.at >= ${from.toISOString()} and t.at < ${to.toISOString()} and t.org_path like ${`${underPath}.%`}`;
}

/** The period's events while one of these units led the case (主办): a department answers for what it leads. */
function departmentEvents(from: Date, to: Date, codes: string[]): SQL {
  return sql`select t.action, t.at, t.rating, t.details, t.handling_unit
    from case_timeline t
    where t.action in ${countedActions} and t.at >= ${from.toISOString()} and t.at < ${to.toISOString()} and t.handling_unit in ${codes}`;
}

/** Runs a report query without JIT (its compile time costs more than it saves here) and with room to sort in memory. */
async function reportQuery<Row>(db: Db, query: SQL): Promise<Row[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows<Row>(tx, query);
  });
}

/** Indicators of each child unit (streets of a district, communities of a street…) or each department, and the total. */
export async function caseIndicators(db: Db, actor: Actor, q: IndicatorQuery): Promise<CaseIndicatorsView> {
  if (q.to.getTime() <= q.from.getTime()) throw new AppError('VALIDATION_FAILED', { summary: 'to: 结束时间须晚于开始时间 / to must be after from' });
  const scopes = scopePaths(actor, 'case.indicators');
  if (scopes.length === 0) throw new AppError('FORBIDDEN', { permission: 'case.indicators' });
  const underCode = q.under ?? scopes[0]?.split('.').at(-1);
  const under = underCode ? await findOrgUnit(db, underCode) : undefined;
  if (!under) throw new AppError('NOT_FOUND', { what: underCode ?? '' });
  assertInScope(actor, 'case.indicators', under.orgPath);

  let rows: IndicatorCounts[];
  let units: TreePlace[];
  if (q.groupBy === 'departments') {
    units = await orgUnitsUnder(db, under.orgPath, 'department');
    const codes = units.map((u) => u.code);
    rows = codes.length
      ? await reportQuery<IndicatorCounts>(
          db,
          sql`select e.handling_unit as unit, ${countsSelect}
              from (${departmentEvents(q.from, q.to, codes)}) e
              group by 1`,
        )
      : [];
  } else {
    units = await listChildOrgNodes(db, under.code, 'divisions');
    // The child a case lies under is the path segment just below `under`.
    const depth = under.orgPath.split('.').length + 1;
    rows = await reportQuery<IndicatorCounts>(
      db,
      sql`select split_part(e.org_path, '.', ${depth}) as unit, ${countsSelect}
          from (${territoryEvents(q.from, q.to, under.orgPath)}) e
          group by 1`,
    );
  }
  // Each event has one place and at most one lead unit: the units add up to the total.
  const total = sumCounts(rows);
  const byUnit = new Map(rows.map((r) => [r.unit, r]));
  const empty = (unit: string): IndicatorCounts => ({
    unit, reported: 0, accepted: 0, accepted_on_time: 0, registered: 0, dispatched: 0, closed: 0, closed_on_time: 0, closed_reworked: 0,
    closed_extended: 0, handling_hours: null, overdue: 0, rated: 0, satisfied: 0, basically_satisfied: 0, unsatisfied: 0, resolved: 0,
  });
  return {
    under: { code: under.code, name: under.name, level: under.level },
    groupBy: q.groupBy,
    from: q.from,
    to: q.to,
    units: units.map((u) => ({ code: u.code, name: u.name, level: u.level, ...indicatorMetrics(byUnit.get(u.code) ?? empty(u.code)) })),
    total: indicatorMetrics(total ?? empty('')),
  };
}
