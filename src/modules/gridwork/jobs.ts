// The gridwork module's background work: once a day, tracks older than the retention period
// are deleted (the patrol's figures stay for the record), and idempotency answers past their
// 24 hours are swept.
import { and, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { sweepIdempotencyKeys } from '../../platform/idempotency.ts';
import { patrols, trackPoints } from './schema.ts';
import { loadSettings } from './use-cases/common.ts';

export const RETENTION_JOB = 'gridwork.retention';

/** Deletes the points of patrols that started more than the retention period before `now`; returns how many patrols lost their track. */
export async function deleteOldTracks(db: Db, now = new Date()): Promise<{ patrols: number; points: number }> {
  const { trackRetentionDays } = await loadSettings(db);
  const cutoff = new Date(now.getTime() - trackRetentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const old = tx.select({ id: patrols.id }).from(patrols).where(and(lt(patrols.startedAt, cutoff), isNull(patrols.trackDeletedAt)));
    const points = await tx.delete(trackPoints).where(sql`${trackPoints.patrolId} in (${old})`).returning({ id: trackPoints.id });
    const marked = await tx
      .update(patrols)
      .set({ trackDeletedAt: now, lastLng: null, lastLat: null })
      .where(and(lt(patrols.startedAt, cutoff), isNull(patrols.trackDeletedAt)))
      .returning({ id: patrols.id });
    return { patrols: marked.length, points: points.length };
  });
}

const retention: JobHandler = async (_job, { ctx, log }) => {
  const tracks = await deleteOldTracks(ctx.database.db);
  const keys = await sweepIdempotencyKeys(ctx.database.db);
  log.info({ ...tracks, idempotencyKeys: keys }, 'gridwork retention');
};

export const gridworkJobs = { [RETENTION_JOB]: retention };
export const gridworkRecurringJobs: RecurringJob[] = [{ kind: RETENTION_JOB, everyMs: 24 * 3600_000 }];
