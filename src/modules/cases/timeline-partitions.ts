// The timeline's monthly partitions (migration 0029): the job cases.partitions keeps the coming
// twelve Beijing months ready, so entries never pile up in the default partition.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { beijingDate } from '../../platform/beijing-time.ts';

const MONTHS_AHEAD = 12;

/** The first days (YYYY-MM-01) of this Beijing month and the `ahead` after it. */
export function monthsFrom(now: Date, ahead: number): string[] {
  const [year, month] = beijingDate(now).split('-').map(Number) as [number, number];
  return Array.from({ length: ahead + 1 }, (_, i) => new Date(Date.UTC(year, month - 1 + i, 1)).toISOString().slice(0, 10));
}

/** Creates the missing partitions of this month and the next twelve; returns the months it could not (their rows already sit in the default partition). */
export async function ensureTimelinePartitions(db: Db, now = new Date()): Promise<string[]> {
  const failed: string[] = [];
  for (const month of monthsFrom(now, MONTHS_AHEAD)) {
    try {
      await db.transaction((tx) => tx.execute(sql`select case_timeline_month_partition(${month}::date)`));
    } catch {
      failed.push(month);
    }
  }
  return failed;
}

const partitions: JobHandler = async (_job, { ctx, log }) => {
  const failed = await ensureTimelinePartitions(ctx.database.db);
  if (failed.length) log.error({ failed }, 'timeline partitions not created: the default partition holds entries of these months');
};

export const partitionJobs: Record<string, JobHandler> = { 'cases.partitions': partitions };

// Daily: a month's partition exists a year before it is needed.
export const partitionRecurringJobs: RecurringJob[] = [{ kind: 'cases.partitions', everyMs: 24 * 3_600_000 }];
