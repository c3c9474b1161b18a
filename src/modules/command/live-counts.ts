// The days the rollup does not hold yet (today, usually) are counted from the timeline. One page
// of the command centre asks for them some seven times (overview, trend, categories, rankings…),
// so they are read once per area at full detail and kept, and each call groups them in memory
// by its own key. Each call asks the timeline's newest id (one index probe) and counts only the
// entries after the ones already counted, so the kept counts are never behind the timeline.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import { addDays, dayStart, type Area, type DayRange } from './area.ts';
import { countColumns, countsBy, emptyCounts, liveCountRows, type CountRow, type Needs } from './counts.ts';
import { caseAreaFilter, latestTimelineId } from './case-reads.ts';

/** One live count row: a Beijing day, a place, a lead unit and a category. */
export type LiveRow = CountRow & { day: string; org_path: string; handling_unit: string; category_code: string };

/** A grouping key both ways: as SQL over the rollup's rows and as a function of a live row. */
export interface CountKey {
  /** Names the key among the kept answers. */
  id: string;
  sql: SQL;
  of: (row: LiveRow) => string;
}

/**
 * A full read at most this often; in between, only the timeline's entries newer than the last
 * read are counted and added (the timeline only grows). An entry committed after a newer one
 * was read is caught by the next full read.
 */
const FULL_READ_MS = 30_000;

interface Kept {
  upTo: number;
  rows: Map<string, LiveRow>;
}
interface Entry {
  fullAt: number;
  generation: number;
  kept: Promise<Kept>;
}
// Per database: tests run several in one process.
const cache = new WeakMap<Db, Map<string, Entry>>();
let generation = 0;

/** Drops every kept live count: the next call reads in full. */
export function forgetLiveCounts(): void {
  generation++;
}

/** Count rows of the area's timeline entries over the days, with ids in (after, upTo]. */
async function readLive(db: Db, area: Area, range: DayRange, after: number | undefined, upTo: number): Promise<LiveRow[]> {
  const ids = after === undefined ? sql`t.id <= ${upTo}` : sql`t.id > ${after} and t.id <= ${upTo}`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    const rows = await queryRows<LiveRow>(
      tx,
      sql`select day::text as day, org_path, handling_unit, category_code, ${sql.raw(countColumns.join(', '))},
          (coalesce(handling_hours, 0) * 3600 * closed)::float8 as handling_seconds
        from (${liveCountRows(dayStart(range.from), dayStart(range.to), sql`${caseAreaFilter(area, 't')} and ${ids}`)}) l`,
    );
    return rows.map((r) => ({ ...r, handling_seconds: Number(r.handling_seconds) }));
  });
}

const detailKey = (r: LiveRow) => `${r.day}|${r.org_path}|${r.handling_unit}|${r.category_code}`;

function keep(base: Kept | undefined, rows: LiveRow[], upTo: number): Kept {
  const kept = new Map(base?.rows);
  for (const row of rows) {
    const k = detailKey(row);
    const sum = kept.get(k);
    if (sum) {
      const added = { ...sum };
      addInto(added, row);
      kept.set(k, added);
    } else kept.set(k, row);
  }
  return { upTo, rows: kept };
}

/** The timeline's count rows of an area over days the rollup does not hold: read in full now and then, brought up to date by new entries. */
export async function liveRows(db: Db, area: Area, range: DayRange): Promise<LiveRow[]> {
  const latest = await latestTimelineId(db);
  const now = Date.now();
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  const key = `${area.isDepartment ? 'unit' : 'path'}:${area.isDepartment ? area.code : area.orgPath}:${range.from}:${range.to}`;
  let entry = byKey.get(key);
  if (entry && entry.generation === generation && now - entry.fullAt < FULL_READ_MS) {
    // Calls of one moment chain on each other: the first reads the new entries, the rest find them read.
    entry.kept = entry.kept.then(async (k) => (k.upTo >= latest ? k : keep(k, await readLive(db, area, range, k.upTo, latest), latest)));
  } else {
    for (const [k, e] of byKey) if (e.generation !== generation || now - e.fullAt >= FULL_READ_MS) byKey.delete(k);
    entry = { fullAt: now, generation, kept: readLive(db, area, range, undefined, latest).then((rows) => keep(undefined, rows, latest)) };
    byKey.set(key, entry);
  }
  const kept = entry.kept;
  // A failed read is not kept: the next call reads in full.
  kept.catch(() => byKey.get(key)?.kept === kept && byKey.delete(key));
  return [...(await kept).rows.values()];
}

function addInto(target: CountRow, row: CountRow): void {
  for (const c of countColumns) target[c] += Number(row[c]);
  target.handling_seconds += Number(row.handling_seconds);
}

// Rolled days change only when the rollup job runs (every quarter hour it rolls the last day
// again for late events): answers from the rollup are kept a minute under the rollup's extent.
const ROLLED_LIFE_MS = 60_000;
const ROLLED_KEPT = 500;
const rolledCache = new WeakMap<Db, Map<string, { at: number; rows: Promise<(CountRow & { key: string })[]> }>>();

function rolledCounts(db: Db, area: Area, range: DayRange, until: string | undefined, key: CountKey, needs: Needs) {
  let byKey = rolledCache.get(db);
  if (!byKey) rolledCache.set(db, (byKey = new Map()));
  const id = `${area.isDepartment ? area.code : area.orgPath}:${range.from}:${range.to}:${until}:${key.id}:${needs.unit ? 'u' : ''}${needs.category ? 'c' : ''}`;
  const now = Date.now();
  const hit = byKey.get(id);
  if (hit && now - hit.at < ROLLED_LIFE_MS) return hit.rows;
  for (const [k, e] of byKey) if (now - e.at >= ROLLED_LIFE_MS || byKey.size >= ROLLED_KEPT) byKey.delete(k);
  const rows = countsBy(db, area, range, until, key.sql, needs);
  byKey.set(id, { at: now, rows });
  rows.catch(() => byKey.get(id)?.rows === rows && byKey.delete(id));
  return rows;
}

/** Drops the kept answers from the rollup (the benchmark times cold pages). */
export function forgetRolledCounts(db: Db): void {
  rolledCache.delete(db);
}

/**
 * Summed counts of an area over a period, grouped by a key: rolled days from the rollup (one
 * query, kept a minute), the rest from the shared live rows. The same answer as counts.ts's countsBy.
 */
export async function sharedCountsBy(db: Db, area: Area, range: DayRange, until: string | undefined, key: CountKey, needs: Needs): Promise<(CountRow & { key: string })[]> {
  const liveFrom = until && until > range.from ? (until < range.to ? until : range.to) : range.from;
  const [rolled, live] = await Promise.all([
    liveFrom > range.from ? rolledCounts(db, area, { from: range.from, to: liveFrom }, until, key, needs) : Promise.resolve([]),
    liveFrom < range.to ? liveRows(db, area, { from: liveFrom, to: range.to }) : Promise.resolve([]),
  ]);
  const sums = new Map<string, CountRow>(rolled.map(({ key: k, ...row }) => [k, { ...emptyCounts(), ...row }]));
  for (const row of live) {
    const k = key.of(row);
    let sum = sums.get(k);
    if (!sum) sums.set(k, (sum = emptyCounts()));
    addInto(sum, row);
  }
  return [...sums].map(([k, row]) => ({ ...row, key: k }));
}

/** The Monday of a day's week (ISO weeks, as date_trunc('week')). */
export function mondayOf(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}
