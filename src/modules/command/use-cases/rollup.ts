// The job command.rollup: rolls every finished Beijing day not yet in the rollup, and the last
// rolled day again (an event committed just after midnight may carry the day before's time).
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';
import { addDays, beijingDay } from '../area.ts';
import { rollDays, rolledUntil } from '../counts.ts';

/** Days per transaction: a year of history rolls in a dozen steps, none holding locks for long. */
const CHUNK_DAYS = 31;

export async function rollFinishedDays(db: Db, now = new Date()): Promise<{ days: number; rows: number }> {
  const today = beijingDay(now);
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
  if (days > 7) await db.execute(sql`analyze command_daily_counts, command_daily_totals`);
  return { days, rows };
}
