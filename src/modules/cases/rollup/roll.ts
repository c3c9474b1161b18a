// The job cases.rollup folds the timeline into the daily rollup, a finished Beijing day at a
// time. Each run rolls every finished day not yet held, and the last held day again: an event
// committed just after midnight may carry the day before's time (its transaction began before
// midnight), and the day after's runs pick it up.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import type { JobHandler, RecurringJob } from '../../../platform/jobs.ts';
import { addDays, beijingDate, beijingDayStart as dayStart } from '../../../platform/beijing-time.ts';
import { columnList, countColumns, detailedRollup, liveCountRows, rolledUntil, rollups, type DayRange } from './counts.ts';

/** Rolls whole Beijing days [from, to) into the rollup (replacing what it held for them) and marks them rolled. */
export async function rollDays(db: Db, range: DayRange): Promise<number> {
  if (range.from >= range.to) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`delete from case_daily_counts where day >= ${range.from}::date and day < ${range.to}::date`);
    const rows = await queryRows<{ n: number }>(
      tx,
      sql`with ins as (
        insert into case_daily_counts (day, org_path, handling_unit, category_code, ${columnList})
        select day, org_path, handling_unit, category_code, ${sql.raw(countColumns.join(', '))}, coalesce(handling_hours, 0) * 3600 * closed
        from (${liveCountRows(dayStart(range.from), dayStart(range.to))}) l
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
    await tx.execute(sql`insert into case_rolled_days (day)
      select d::date from generate_series(${range.from}::date, ${addDays(range.to, -1)}::date, interval '1 day') d
      on conflict (day) do update set rolled_at = now()`);
    return rows[0]?.n ?? 0;
  });
}

/** Days per transaction: a year of history rolls in a dozen steps, none holding locks for long. */
const CHUNK_DAYS = 31;

/** Rolls every finished Beijing day not yet in the rollup, and the last rolled day again. */
export async function rollFinishedDays(db: Db, now = new Date()): Promise<{ days: number; rows: number }> {
  const today = beijingDate(now);
  const until = await rolledUntil(db);
  let from = until ? addDays(until, -1) : undefined;
  if (!from) {
    const [first] = await queryRows<{ day: string | null }>(db, sql`select (min(at) at time zone 'Asia/Shanghai')::date::text as day from case_timeline`);
    from = first?.day ?? today;
  }
  let rows = 0;
  let days = 0;
  for (let start = from; start < today; start = addDays(start, CHUNK_DAYS)) {
    const end = addDays(start, CHUNK_DAYS) < today ? addDays(start, CHUNK_DAYS) : today;
    rows += await rollDays(db, { from: start, to: end });
    days += Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  }
  // After a large roll (the first, or catching up) the planner needs fresh statistics to read the rollup by day.
  if (days > 7) await db.execute(sql`analyze ${sql.raw(rollups.map((r) => r.table).join(', '))}`);
  return { days, rows };
}

export const ROLLUP_JOB = 'cases.rollup';

const rollup: JobHandler = async (_job, { ctx, log }) => {
  const result = await rollFinishedDays(ctx.database.db);
  if (result.rows) log.info(result, 'cases rollup');
};

export const rollupJobs: Record<string, JobHandler> = { [ROLLUP_JOB]: rollup };

// Cheap when nothing is new: one query finds the rollup up to date, and the day before is rolled again.
export const rollupRecurringJobs: RecurringJob[] = [{ kind: ROLLUP_JOB, everyMs: 15 * 60_000 }];
