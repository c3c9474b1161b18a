// Case indicators per unit and period (考核指标): what happened in the period, attributed to
// the part of the tree the case lies in (streets, communities) or to the departments that led
// it. The days of the window the daily rollup holds are read from it; from the timeline, the
// parts of days at its edges and the entries the rollup has not folded yet (rollup/counts.ts). The counts and the
// formulas are in indicator-formulas.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertInScope, scopePaths, type Actor } from '../../platform/auth/scope.ts';
import { findOrgUnit, listChildOrgNodes, orgUnitsUnder, type TreePlace } from '../org/index.ts';
import type { CaseIndicatorsView } from './contract.ts';
import { countedActions, countsSelect, emptyIndicatorCounts, indicatorMetrics, sumCounts, type IndicatorCounts } from './indicator-formulas.ts';
import { pieceFilter, readCounts, rollupFor, splitWindow, type DayRange, type LivePiece } from './rollup/counts.ts';

export interface IndicatorQuery {
  /** The node whose children (or departments) are compared; default: the actor's own scope. */
  under?: string | undefined;
  groupBy: 'children' | 'departments';
  from: Date;
  to: Date;
}

/** Where the counts come from: the rollup and the timeline (the API), or the timeline alone (what tests and the benchmark compare with). */
export type IndicatorSource = 'rollup' | 'timeline';

type Place = { code: string; orgPath: string };

/** How one question groups and filters count rows, on the timeline (alias t) or on a rollup (alias r). */
interface Grouping {
  unit: (alias: string) => SQL;
  filter: (alias: string) => SQL;
  /** The rollup table that keeps enough of the place and the lead unit to answer. */
  table: string;
}

function childrenGrouping(under: Place): Grouping {
  // The child a case lies under is the path segment just below `under`.
  const depth = under.orgPath.split('.').length + 1;
  return {
    unit: (alias) => sql`split_part(${sql.raw(alias)}.org_path, '.', ${depth})`,
    filter: (alias) => sql`${sql.raw(alias)}.org_path like ${`${under.orgPath}.%`}`,
    table: rollupFor({ code: under.code, orgPath: under.orgPath, isDepartment: false }, {}).table,
  };
}

function departmentGrouping(under: Place, codes: string[]): Grouping {
  return {
    unit: (alias) => sql`${sql.raw(alias)}.handling_unit`,
    filter: (alias) => sql`${sql.raw(alias)}.handling_unit in ${codes}`,
    table: rollupFor({ code: under.code, orgPath: under.orgPath, isDepartment: true }, {}).table,
  };
}

/** The counts of each unit from the timeline's events in some pieces of time (each its own index-friendly branch). */
function timelineCounts(g: Grouping, pieces: LivePiece[]): SQL {
  const events = sql.join(
    pieces.map((piece) => sql`select ${g.unit('t')} as unit, t.action, t.at, t.rating, t.details
      from case_timeline t where t.action in ${countedActions} and ${pieceFilter(piece)} and ${g.filter('t')}`),
    sql` union all `,
  );
  return sql`select e.unit, ${countsSelect} from (${events}) e group by 1`;
}

/** The counts of each unit from the rollup's rows of whole days. */
function rollupCounts(g: Grouping, days: DayRange): SQL {
  return sql`select ${g.unit('r')} as unit,
      sum(reported)::int as reported, sum(accepted)::int as accepted, sum(accepted_on_time)::int as accepted_on_time,
      sum(registered)::int as registered, sum(dispatched)::int as dispatched, sum(closed)::int as closed,
      sum(closed_on_time)::int as closed_on_time, sum(closed_reworked)::int as closed_reworked, sum(closed_extended)::int as closed_extended,
      (sum(handling_seconds) / 3600 / nullif(sum(closed), 0))::float8 as handling_hours,
      sum(overdue)::int as overdue, sum(rated)::int as rated, sum(satisfied)::int as satisfied,
      sum(basically_satisfied)::int as basically_satisfied, sum(unsatisfied)::int as unsatisfied, sum(resolved)::int as resolved
    from ${sql.raw(g.table)} r
    where r.day >= ${days.from}::date and r.day < ${days.to}::date and ${g.filter('r')}
    group by 1`;
}

/** The counts of each unit over the window: the rollup's days and the timeline's entries it has not folded, on one snapshot. */
async function windowCounts(db: Db, g: Grouping, from: Date, to: Date, source: IndicatorSource): Promise<IndicatorCounts[]> {
  const rows = await readCounts(db, async (tx, state) => {
    // Room to sort in memory: a year's timeline baseline groups millions of entries.
    await tx.execute(sql`set local work_mem = '64MB'`);
    const { days, live } = splitWindow(from, to, source === 'rollup' ? state : undefined);
    const parts = [...(days ? [rollupCounts(g, days)] : []), ...(live.length ? [timelineCounts(g, live)] : [])];
    return queryRows<IndicatorCounts>(tx, sql.join(parts, sql` union all `));
  });
  const byUnit = new Map<string, IndicatorCounts[]>();
  for (const r of rows) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  return [...byUnit].map(([unit, parts]) => ({ ...sumCounts(parts), unit }));
}

/** Indicators of each child unit (streets of a district, communities of a street…) or each department, and the total. */
export async function caseIndicators(db: Db, actor: Actor, q: IndicatorQuery, source: IndicatorSource = 'rollup'): Promise<CaseIndicatorsView> {
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
    rows = codes.length ? await windowCounts(db, departmentGrouping(under, codes), q.from, q.to, source) : [];
  } else {
    units = await listChildOrgNodes(db, under.code, 'divisions');
    rows = await windowCounts(db, childrenGrouping(under), q.from, q.to, source);
  }
  // Each event has one place and at most one lead unit: the units add up to the total.
  const byUnit = new Map(rows.map((r) => [r.unit, r]));
  return {
    under: { code: under.code, name: under.name, level: under.level },
    groupBy: q.groupBy,
    from: q.from,
    to: q.to,
    units: units.map((u) => ({ code: u.code, name: u.name, level: u.level, ...indicatorMetrics(byUnit.get(u.code) ?? emptyIndicatorCounts(u.code)) })),
    total: indicatorMetrics(sumCounts(rows)),
  };
}
