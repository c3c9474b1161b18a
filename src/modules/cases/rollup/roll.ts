// The job cases.rollup folds the timeline into the daily rollup, every minute. The rollup holds
// exactly the entries with id <= folded_id and at < complete_until (case_rollup_state); readers
// add the rest from the timeline (counts.ts). Each run:
//  (a) takes a horizon H: the timeline's largest id at a moment when no transaction writing to
//      it is in flight (a share lock on the table, waited for briefly), so every id <= H is
//      committed, or never will be. Sequence ids are handed out in one order and committed in
//      another; without the lock an entry with a smaller id could commit after a larger one was
//      folded and be skipped forever. If the lock is not had at once, H stays where it was:
//      nothing is lost, the next run moves it;
//  (b) finds the Beijing days the rollup must change: those of entries with an id in
//      (folded_id, H] (new ones, late and backdated ones included), and those of entries with
//      id <= H and at in [complete_until, T), T = now (entries that were ahead of the last run's
//      instant, normally none);
//  (c) rolls exactly those days again as a whole (today up to T), with the entries id <= H, and
//      stores H and then T with them, the late days in one transaction and the days from
//      complete_until on a month per transaction. Readers see each state with its rows.
// Nothing new: no run (the job's due check), or two index probes and one row updated.
import { sql, type SQL } from 'drizzle-orm';
import { pgErrorCode, queryRows, type Db } from '../../../platform/db.ts';
import type { JobHandler, RecurringJob } from '../../../platform/jobs.ts';
import { addDays, beijingDate, beijingDayStart as dayStart } from '../../../platform/beijing-time.ts';
import { columnList, countColumns, detailedRollup, liveCountRows, readRollupState, rollups, type DayRange } from './counts.ts';

/** The largest id of the timeline with no writer in flight, or undefined when writers did not let the lock through in time. */
async function foldHorizon(db: Db): Promise<number | undefined> {
  try {
    return await db.transaction(async (tx) => {
      // A share lock waits for the transactions writing to the timeline and holds new ones back
      // for the instant of one index probe; a long writer (an import) makes it give up instead.
      await tx.execute(sql`set local lock_timeout = '200ms'`);
      await tx.execute(sql`lock table case_timeline in share mode`);
      const [row] = await queryRows<{ id: string | number }>(tx, sql`select coalesce(max(id), 0) as id from case_timeline`);
      return Number(row?.id ?? 0);
    });
  } catch (error) {
    if (pgErrorCode(error) === '55P03') return undefined;
    throw error;
  }
}

/** Days per statement: a year of history rolls in a dozen steps, each aggregate of bounded size. */
const CHUNK_DAYS = 31;

/** Rolls whole Beijing days [from, to) again, with the entries id <= horizon and at < until (the rollup's rows of until's day end there). */
async function rollDays(tx: Db, range: DayRange, horizon: number, until: Date): Promise<number> {
  const end = dayStart(range.to) < until ? dayStart(range.to) : until;
  await tx.execute(sql`delete from case_daily_counts where day >= ${range.from}::date and day < ${range.to}::date`);
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with ins as (
      insert into case_daily_counts (day, org_path, handling_unit, category_code, ${columnList})
      select day, org_path, handling_unit, category_code, ${sql.raw(countColumns.join(', '))}, coalesce(handling_hours, 0) * 3600 * closed
      from (${liveCountRows(dayStart(range.from), end, sql`t.id <= ${horizon}`)}) l
      returning 1)
    select count(*)::int as n from ins`,
  );
  const sums = sql.raw([...countColumns, 'handling_seconds'].map((c) => `sum(${c})`).join(', '));
  // The coarser rollups, summed from the detailed one: the same counts, fewer keys.
  for (const r of rollups.filter((x) => x !== detailedRollup)) {
    const cut = sql`array_to_string((string_to_array(org_path, '.'))[1:${r.depth}], '.')`;
    const keys = sql.raw(['org_path', ...(r.unit ? ['handling_unit'] : []), ...(r.category ? ['category_code'] : [])].join(', '));
    const kept = sql.raw([...(r.unit ? ['handling_unit'] : []), ...(r.category ? ['category_code'] : [])].map((c) => `, ${c}`).join(''));
    await tx.execute(sql`delete from ${sql.raw(r.table)} where day >= ${range.from}::date and day < ${range.to}::date`);
    await tx.execute(sql`insert into ${sql.raw(r.table)} (day, ${keys}, ${columnList})
      select day, ${cut}${kept}, ${sums}
      from case_daily_counts where day >= ${range.from}::date and day < ${range.to}::date group by 1, 2${kept}`);
  }
  return rows[0]?.n ?? 0;
}

/** Sorted days as ranges of consecutive days, none longer than CHUNK_DAYS. */
export function dayRanges(days: string[]): DayRange[] {
  const ranges: DayRange[] = [];
  for (const day of [...new Set(days)].sort()) {
    const last = ranges.at(-1);
    if (last && last.to === day && Date.parse(day) - Date.parse(last.from) < CHUNK_DAYS * 86_400_000) last.to = addDays(day, 1);
    else ranges.push({ from: day, to: addDays(day, 1) });
  }
  return ranges;
}

/** One step of a roll, in its own transaction, one roll at a time (the job is claimed once, but tests, benchmarks and an operator may call it too). */
async function rollStep<T>(db: Db, step: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cases.rollup'))`);
    await tx.execute(sql`set local jit = off`);
    return step(tx);
  });
}

/** The Beijing days of the timeline's entries that match `where`. */
async function daysOf(tx: Db, where: SQL): Promise<string[]> {
  const rows = await queryRows<{ day: string }>(tx, sql`select distinct (at at time zone 'Asia/Shanghai')::date::text as day from case_timeline where ${where}`);
  return rows.map((r) => r.day);
}

async function saveState(tx: Db, foldedId: number, completeUntil: Date): Promise<void> {
  await tx.execute(sql`insert into case_rollup_state (only_row, folded_id, complete_until) values (true, ${foldedId}, ${completeUntil.toISOString()})
    on conflict (only_row) do update set folded_id = excluded.folded_id, complete_until = excluded.complete_until`);
}

/** Folds the timeline's new entries into the rollup (see the head of this file); returns the days rolled again and the detailed rows written. */
export async function rollTimeline(db: Db, now = new Date()): Promise<{ days: number; rows: number }> {
  const horizon = await foldHorizon(db);
  const rolled = new Set<string>();
  let rows = 0;
  const roll = async (tx: Db, days: string[], foldedId: number, until: Date) => {
    for (const range of dayRanges(days)) rows += await rollDays(tx, range, foldedId, until);
    for (const day of days) rolled.add(day);
  };
  // First the entries up to the horizon lying before the rollup's complete instant (new, late
  // and backdated ones): their days again, and folded_id moves to the horizon.
  await rollStep(db, async (tx) => {
    const state = await readRollupState(tx);
    const folded = Math.max(horizon ?? 0, state?.foldedId ?? 0);
    if (state) {
      await roll(tx, await daysOf(tx, sql`id > ${state.foldedId} and id <= ${folded} and at < ${state.completeUntil.toISOString()}`), folded, state.completeUntil);
      await saveState(tx, folded, state.completeUntil);
    } else {
      // The first run: the rollup is complete (and empty) up to the start of the timeline's first day.
      const [first] = await queryRows<{ day: string | null }>(tx, sql`select (min(at) at time zone 'Asia/Shanghai')::date::text as day from case_timeline where id <= ${folded}`);
      await saveState(tx, folded, first?.day ? dayStart(first.day) : now);
    }
  });
  // Then from the complete instant to now, a month per transaction in order, the instant moving
  // with each: a first roll or a long catch-up never holds the database for long (PGlite has one
  // connection), and readers always find the rollup exact up to the instant it names.
  for (let more = true; more; ) {
    more = await rollStep(db, async (tx) => {
      const state = await readRollupState(tx);
      if (!state || state.completeUntil >= now) return false;
      const monthOn = dayStart(addDays(beijingDate(state.completeUntil), CHUNK_DAYS));
      const until = monthOn < now ? monthOn : now;
      await roll(tx, await daysOf(tx, sql`id <= ${state.foldedId} and at >= ${state.completeUntil.toISOString()} and at < ${until.toISOString()}`), state.foldedId, until);
      await saveState(tx, state.foldedId, until);
      return until < now;
    });
  }
  // After a large roll (the first, or catching up) the planner needs fresh statistics to read the rollup by day.
  if (rolled.size > 7) await db.execute(sql`analyze ${sql.raw(rollups.map((r) => r.table).join(', '))}`);
  return { days: rolled.size, rows };
}

export const ROLLUP_JOB = 'cases.rollup';

const rollup: JobHandler = async (_job, { ctx, log }) => {
  const result = await rollTimeline(ctx.database.db);
  if (result.days > 1) log.info(result, 'cases rollup');
};

export const rollupJobs: Record<string, JobHandler> = { [ROLLUP_JOB]: rollup };

/** Whether the timeline holds an entry the rollup has not folded (or the rollup has never run). */
async function hasUnfoldedEntries(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ due: boolean }>(
    db,
    sql`select not exists (select 1 from case_rollup_state) or exists (select 1 from case_timeline where id > (select folded_id from case_rollup_state)) as due`,
  );
  return row?.due ?? true;
}

// Every minute: readers count from the timeline only what the rollup has not folded, so the
// more often it runs, the less they read. A quiet minute leaves no job row: with nothing new,
// readers find nothing after complete_until either.
export const rollupRecurringJobs: RecurringJob[] = [{ kind: ROLLUP_JOB, everyMs: 60_000, due: hasUnfoldedEntries }];
