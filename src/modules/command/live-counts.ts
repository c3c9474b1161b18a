// The days the rollup does not hold yet (today, usually) are counted from the timeline. One page
// of the command centre asks for them some seven times (overview, trend, categories, rankings…),
// so they are read once per area at full detail, kept a few seconds, and each call groups them
// in memory by its own key. They are kept under the timeline's newest id (the timeline only
// grows: a new entry means a new read), and the stream's wake-up drops them (forgetLiveCounts).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.ts';
import { addDays, type Area, type DayRange } from './area.ts';
import { countColumns, countRows, countsBy, type CountRow, type Needs } from './counts.ts';
import { latestTimelineId } from './case-reads.ts';

/** One live count row: a Beijing day, a place, a lead unit and a category. */
export type LiveRow = CountRow & { day: string; org_path: string; handling_unit: string; category_code: string };

/** A grouping key both ways: as SQL over the rollup's rows and as a function of a live row. */
export interface CountKey {
  sql: SQL;
  of: (row: LiveRow) => string;
}

/** Long enough to serve one page load (its calls come within a second), short enough to look live without a wake-up. */
const LIFE_MS = 5_000;

interface Entry {
  at: number;
  generation: number;
  rows: Promise<LiveRow[]>;
}
// Per database: tests run several in one process.
const cache = new WeakMap<Db, Map<string, Entry>>();
let generation = 0;

/** Drops every kept live count (a case was written: the next call reads again). */
export function forgetLiveCounts(): void {
  generation++;
}

async function readLiveRows(db: Db, area: Area, range: DayRange): Promise<LiveRow[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    // Starting at range.from with `until` = range.from, countRows reads the timeline only.
    const rows = await queryRows<LiveRow>(
      tx,
      sql`select day::text as day, org_path, handling_unit, category_code, ${sql.raw(countColumns.join(', '))}, handling_seconds::float8 as handling_seconds
        from (${countRows(area, range, range.from)}) x`,
    );
    return rows.map((r) => ({ ...r, handling_seconds: Number(r.handling_seconds) }));
  });
}

/** The timeline's count rows of an area over days the rollup does not hold, shared for a few seconds. */
export async function liveRows(db: Db, area: Area, range: DayRange): Promise<LiveRow[]> {
  const latest = await latestTimelineId(db);
  const now = Date.now();
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  const key = `${area.isDepartment ? 'unit' : 'path'}:${area.isDepartment ? area.code : area.orgPath}:${range.from}:${range.to}:${latest}`;
  const hit = byKey.get(key);
  if (hit && hit.generation === generation && now - hit.at < LIFE_MS) return hit.rows;
  for (const [k, e] of byKey) if (e.generation !== generation || now - e.at >= LIFE_MS) byKey.delete(k);
  const rows = readLiveRows(db, area, range);
  byKey.set(key, { at: now, generation, rows });
  // A failed read is not kept: the next call tries again.
  rows.catch(() => byKey.get(key)?.rows === rows && byKey.delete(key));
  return rows;
}

function addInto(target: CountRow, row: CountRow): void {
  for (const c of countColumns) target[c] += Number(row[c]);
  target.handling_seconds += Number(row.handling_seconds);
}

const zero = (): CountRow => ({ ...(Object.fromEntries(countColumns.map((c) => [c, 0])) as Record<(typeof countColumns)[number], number>), handling_seconds: 0 });

/**
 * Summed counts of an area over a period, grouped by a key: rolled days from the rollup (one
 * query), the rest from the shared live rows. The same answer as counts.ts's countsBy.
 */
export async function sharedCountsBy(db: Db, area: Area, range: DayRange, until: string | undefined, key: CountKey, needs: Needs): Promise<(CountRow & { key: string })[]> {
  const liveFrom = until && until > range.from ? (until < range.to ? until : range.to) : range.from;
  const [rolled, live] = await Promise.all([
    liveFrom > range.from ? countsBy(db, area, { from: range.from, to: liveFrom }, until, key.sql, needs) : Promise.resolve([]),
    liveFrom < range.to ? liveRows(db, area, { from: liveFrom, to: range.to }) : Promise.resolve([]),
  ]);
  const sums = new Map<string, CountRow>(rolled.map(({ key: k, ...row }) => [k, { ...zero(), ...row }]));
  for (const row of live) {
    const k = key.of(row);
    let sum = sums.get(k);
    if (!sum) sums.set(k, (sum = zero()));
    addInto(sum, row);
  }
  return [...sums].map(([k, row]) => ({ ...row, key: k }));
}

/** The Monday of a day's week (ISO weeks, as date_trunc('week')). */
export function mondayOf(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}
