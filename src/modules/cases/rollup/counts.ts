// Counts of case events per Beijing day × place × lead unit × category, from the daily rollup
// for the entries it has folded and from the timeline itself for the rest (the last minute's,
// and any entry written since the job's last run). The counts and their formulas are the indicators' own (countsSelect,
// indicatorMetrics): the rollup stores them, it does not define them again.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { addDays, beijingDate, beijingDayStart as dayStart } from '../../../platform/beijing-time.ts';
import { countedActions, countsSelect, indicatorMetrics, type IndicatorCounts } from '../indicator-formulas.ts';

/** Whole Beijing days: from the first, inclusive, to the last, exclusive (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

/** What a count question is about: the cases lying under a division's path, or those a department led. */
export interface CountArea {
  code: string;
  orgPath: string;
  isDepartment: boolean;
}

/** The counted columns, in the rollup's order (handling_seconds is the sum of hours from report to closure). */
export const countColumns = [
  'reported', 'accepted', 'accepted_on_time', 'registered', 'dispatched', 'closed', 'closed_on_time', 'closed_reworked', 'closed_extended',
  'overdue', 'rated', 'satisfied', 'basically_satisfied', 'unsatisfied', 'resolved',
] as const;
export type CountColumn = (typeof countColumns)[number];
export type CountRow = Record<CountColumn, number> & { handling_seconds: number };

export const columnList = sql.raw([...countColumns, 'handling_seconds'].join(', '));

/**
 * The timeline's counted events between two instants, grouped by Beijing day, place (the case's
 * org path), lead unit and category: the rows the rollup stores. Reads cases' tables in one
 * report query (the category lives on the case, the event on the timeline).
 */
export function liveCountRows(from: Date, to: Date, where: SQL = sql`true`): SQL {
  return sql`select e.day, e.org_path, e.handling_unit, e.category_code, ${countsSelect}
    from (
      select t.action, t.at, t.rating, t.details, t.org_path, coalesce(t.handling_unit, '') as handling_unit, c.category_code,
        (t.at at time zone 'Asia/Shanghai')::date as day
      from case_timeline t join cases c on c.id = t.case_id
      where t.action in ${countedActions} and t.at >= ${from.toISOString()} and t.at < ${to.toISOString()} and ${where}
    ) e
    group by 1, 2, 3, 4`;
}

/** Keeps the rows of an area: lying under a division, or led by a department. */
export function areaFilter(area: CountArea, alias: string): SQL {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  if (area.isDepartment) return sql`${col('handling_unit')} = ${area.code}`;
  return area.orgPath === '' ? sql`true` : sql`${col('org_path')} like ${`${area.orgPath}.%`}`;
}

/** Path segments of a district (province.city.district), a street and a community. */
export const DISTRICT_DEPTH = 3;
export const STREET_DEPTH = 4;
/** Places in case_daily_totals are cut to the community: a grid's cases count for its community. */
export const COMMUNITY_DEPTH = 5;

/** What a question reads from a count row besides the day and the area's places one level down: the category, the lead unit. */
export interface Needs {
  category?: boolean;
  unit?: boolean;
  /** The counts summed (default: all); the others are 0. A page's tally of one count sums a sixteenth of the work. */
  counts?: readonly CountColumn[];
}

/** The rollup tables, coarsest first: what each keeps, and how deep its places go. */
export const rollups = [
  { table: 'case_daily_streets', unit: false, category: false, depth: STREET_DEPTH },
  { table: 'case_daily_totals', unit: false, category: false, depth: COMMUNITY_DEPTH },
  { table: 'case_daily_leads', unit: true, category: false, depth: DISTRICT_DEPTH },
  { table: 'case_daily_units', unit: true, category: false, depth: STREET_DEPTH },
  { table: 'case_daily_categories', unit: false, category: true, depth: STREET_DEPTH },
  { table: 'case_daily_counts', unit: true, category: true, depth: Number.POSITIVE_INFINITY },
] as const;

/** The detailed rollup: the others are summed from it. */
export const detailedRollup = rollups[rollups.length - 1] as (typeof rollups)[number];

const depthOf = (orgPath: string) => (orgPath === '' ? 0 : orgPath.split('.').length);

/** The coarsest rollup that answers a question about an area (a department's area is what it led: it needs the lead unit). */
export function rollupFor(area: CountArea, needs: Needs | undefined) {
  const unit = needs?.unit || area.isDepartment;
  // A division's rows lie strictly under its path and may be grouped by its children, so the
  // rollup must keep one segment more than the area's path. Without needs the caller may group by
  // anything: the detailed rollup.
  const depth = needs ? (area.isDepartment ? 0 : depthOf(area.orgPath) + 1) : Number.POSITIVE_INFINITY;
  return rollups.find((r) => (!unit || r.unit) && (!needs?.category || r.category) && depth <= r.depth) ?? detailedRollup;
}

/**
 * How far the rollup has folded the timeline: it holds exactly the entries with id <= foldedId
 * and at < completeUntil (today's too, up to that instant). Read in the same snapshot as the
 * rollup rows it describes (readCounts), so a roll committing meanwhile is seen whole or not at all.
 */
export interface RollupState {
  foldedId: number;
  completeUntil: Date;
}

export async function readRollupState(db: Db): Promise<RollupState | undefined> {
  const [row] = await queryRows<{ folded_id: string | number; complete_until: string | Date }>(db, sql`select folded_id, complete_until from case_rollup_state`);
  return row ? { foldedId: Number(row.folded_id), completeUntil: new Date(row.complete_until) } : undefined;
}

/** Instants [from, to) of the timeline to read; with `after`, only the entries with a greater id (those the rollup has not folded). */
export interface LivePiece {
  from: Date;
  to: Date;
  after?: number;
}

/**
 * A window of instants split into the Beijing days the rollup answers and the pieces the
 * timeline must: the ragged edges, the entries of the rolled days the rollup has not folded
 * yet (id > foldedId), and what lies after completeUntil. The rollup's rows of completeUntil's
 * own day hold that day only up to completeUntil: they are used when the window reaches it.
 */
export function splitWindow(from: Date, to: Date, state: RollupState | undefined): { days?: DayRange; live: LivePiece[] } {
  if (!state || to <= from) return { live: [{ from, to }] };
  const until = state.completeUntil;
  const fromDay = beijingDate(from);
  const first = dayStart(fromDay).getTime() === from.getTime() ? fromDay : addDays(fromDay, 1);
  let end: string;
  let coveredTo: Date;
  if (to >= until) {
    const untilDay = beijingDate(until);
    end = dayStart(untilDay).getTime() === until.getTime() ? untilDay : addDays(untilDay, 1);
    coveredTo = until;
  } else {
    end = beijingDate(to);
    coveredTo = dayStart(end);
  }
  if (first >= end) return { live: [{ from, to }] };
  const coveredFrom = dayStart(first);
  const live: LivePiece[] = [];
  if (from < coveredFrom) live.push({ from, to: coveredFrom });
  live.push({ from: coveredFrom, to: coveredTo, after: state.foldedId });
  if (coveredTo < to) live.push({ from: coveredTo, to });
  return { days: { from: first, to: end }, live };
}

/** The time condition of a piece on the timeline (alias t). */
export function pieceFilter(piece: LivePiece): SQL {
  const within = sql`t.at >= ${piece.from.toISOString()} and t.at < ${piece.to.toISOString()}`;
  return piece.after === undefined ? within : sql`${within} and t.id > ${piece.after}`;
}

/**
 * Count rows (day, org_path, handling_unit, category_code, counts…) of an area over whole days:
 * the coarsest rollup that keeps what the question needs, and from the timeline the entries it
 * has not folded (a minute's, usually). `state` must come from the same snapshot (readCounts).
 */
export function countRows(area: CountArea, range: DayRange, state: RollupState | undefined, needs?: Needs): SQL {
  const { days, live } = splitWindow(dayStart(range.from), dayStart(range.to), state);
  const parts: SQL[] = [];
  if (days) {
    const r = rollupFor(area, needs);
    const unit = r.unit ? sql`handling_unit` : sql`''::text`;
    const category = r.category ? sql`category_code` : sql`''::text`;
    parts.push(sql`select day, org_path, ${unit} as handling_unit, ${category} as category_code, ${columnList}
      from ${sql.raw(r.table)} r where r.day >= ${days.from}::date and r.day < ${days.to}::date and ${areaFilter(area, 'r')}`);
  }
  for (const piece of live) {
    parts.push(sql`select day, org_path, handling_unit, category_code, ${columnList}
      from (select l.*, coalesce(l.handling_hours, 0) * 3600 * l.closed as handling_seconds
            from (${liveCountRows(piece.from, piece.to, sql`${areaFilter(area, 't')}${piece.after === undefined ? sql`` : sql` and t.id > ${piece.after}`}`)}) l) lc`);
  }
  return sql.join(parts, sql` union all `);
}

/**
 * Runs report queries on one snapshot with the rollup's state read in it: repeatable read, so
 * the state and the rollup rows it describes agree. JIT off: its compile time costs more than
 * it saves here.
 */
export async function readCounts<T>(db: Db, read: (tx: Db, state: RollupState | undefined) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    await tx.execute(sql`set local jit = off`);
    return read(tx, await readRollupState(tx));
  });
}

/** The sums of the count columns, for a select list over countRows. */
function sumsOf(counts: readonly CountColumn[] = countColumns): SQL {
  const summed = new Set<string>(counts);
  return sql.raw(
    [
      ...countColumns.map((c) => (summed.has(c) ? `coalesce(sum(${c}), 0)::int as ${c}` : `0 as ${c}`)),
      `${summed.has('closed') ? 'coalesce(sum(handling_seconds), 0)' : '0'}::float8 as handling_seconds`,
    ].join(', '),
  );
}

/** Summed counts of an area over whole days, grouped by `key` (an SQL expression over the count row columns). */
export async function countsBy(db: Db, area: CountArea, range: DayRange, key: SQL, needs?: Needs): Promise<(CountRow & { key: string })[]> {
  return readCounts(db, (tx, state) =>
    queryRows<CountRow & { key: string }>(tx, sql`select (${key})::text as key, ${sumsOf(needs?.counts)} from (${countRows(area, range, state, needs)}) x group by 1`),
  );
}

/** The indicators of summed counts, by cases' formulas. */
export function metricsOf(row: CountRow | undefined) {
  const c = row ?? emptyCounts();
  const counts: IndicatorCounts = {
    unit: '',
    ...Object.fromEntries(countColumns.map((k) => [k, Number(c[k])])),
    handling_hours: c.closed ? c.handling_seconds / 3600 / c.closed : null,
  } as IndicatorCounts;
  return indicatorMetrics(counts);
}

export function emptyCounts(): CountRow {
  return { ...(Object.fromEntries(countColumns.map((k) => [k, 0])) as Record<CountColumn, number>), handling_seconds: 0 };
}

