// The clock's work, as background jobs: yellow warnings (预警), red marks, overdue marks
// (超期) and automatic supervision (督办: yellow when overdue, red some working days later).
// Each run takes due cases with FOR UPDATE SKIP LOCKED, so two server processes running
// the job at once take different cases and none is marked twice.
import { and, eq, sql } from 'drizzle-orm';
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { writeThumbnail } from '../../platform/storage.ts';
import { caseAttachments, cases, type CaseRow } from './schema.ts';
import { loadCaseRules } from './settings.ts';
import { openStates, type CaseDeps } from './use-cases/common.ts';
import { recordSystemEvent } from './use-cases/commit-transition.ts';

export interface SweepResult {
  warnings: number;
  overdue: number;
  supervised: number;
}

/** One batch: marks what is due on up to `limit` cases; returns what it did. */
export async function sweepDeadlines(deps: CaseDeps, now = new Date(), limit = 100): Promise<SweepResult> {
  const { db } = deps;
  const rules = await loadCaseRules(db);
  const result: SweepResult = { warnings: 0, overdue: 0, supervised: 0 };
  const at = now.toISOString();
  await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(cases)
      .where(
        and(
          sql`${cases.deadlineAt} is not null`,
          sql`${cases.warnAt} <= ${at}`,
          sql`${cases.state} in ${openStates}`,
          sql`((${cases.overdueAt} is null and (${cases.slaLevel} = 'normal' or (${cases.redAt} <= ${at} and ${cases.slaLevel} <> 'red') or ${cases.deadlineAt} <= ${at}))
               or (${cases.superviseRedAt} <= ${at} and ${cases.supervisionLevel} is distinct from 'red'))`,
        ),
      )
      .orderBy(cases.warnAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const found of due) {
      let row: CaseRow = found; // the overdue mark returns the row the supervision builds on
      const deadline = row.deadlineAt as Date;
      if (!row.overdueAt && deadline.getTime() <= now.getTime()) {
        const superviseRedAt = rules.settings.autoSupervise ? rules.calendar.addWorkingDays(deadline, rules.settings.redSupervisionAfterWorkingDays) : null;
        row = await recordSystemEvent(
          tx,
          deps,
          row,
          { action: 'overdue', set: { overdueAt: now, overdueCount: row.overdueCount + 1, slaLevel: 'red', superviseRedAt }, details: { stage: row.stage, deadlineAt: deadline.toISOString() } },
          now,
        );
        result.overdue++;
        if (rules.settings.autoSupervise && (row.supervisionLevel === null || row.supervisionLevel === 'ordinary')) {
          await recordSystemEvent(tx, deps, row, { action: 'auto_supervise', supervisionLevel: 'yellow', set: { supervisionLevel: 'yellow' }, details: { reason: 'overdue' } }, now);
          result.supervised++;
        }
      } else if (row.overdueAt && row.superviseRedAt && row.superviseRedAt.getTime() <= now.getTime() && row.supervisionLevel !== 'red') {
        await recordSystemEvent(tx, deps, row, { action: 'auto_supervise', supervisionLevel: 'red', set: { supervisionLevel: 'red' }, details: { reason: 'overdue_long' } }, now);
        result.supervised++;
      } else if (!row.overdueAt && row.redAt && row.redAt.getTime() < deadline.getTime() && row.redAt.getTime() <= now.getTime() && row.slaLevel !== 'red') {
        await recordSystemEvent(tx, deps, row, { action: 'warning', set: { slaLevel: 'red' }, details: { level: 'red', deadlineAt: deadline.toISOString() } }, now);
        result.warnings++;
      } else if (!row.overdueAt && row.slaLevel === 'normal') {
        await recordSystemEvent(tx, deps, row, { action: 'warning', set: { slaLevel: 'yellow' }, details: { level: 'yellow', deadlineAt: deadline.toISOString() } }, now);
        result.warnings++;
      }
    }
  });
  return result;
}

/** The cases module's background jobs. */
export function caseJobHandlers(): Record<string, JobHandler> {
  return {
    'cases.deadlines': async (_job, { ctx }) => {
      const deps = { db: ctx.database.db, pii: ctx.pii, dataDir: ctx.config.dataDir };
      // Bounded: a backlog is worked off over the next runs.
      for (let i = 0; i < 20; i++) {
        const r = await sweepDeadlines(deps);
        if (r.warnings + r.overdue + r.supervised === 0) break;
      }
    },
    'cases.thumbnail': async (job, { ctx }) => {
      const { attachmentId, key, mime } = job.payload as { attachmentId: string; key: string; mime: string };
      if (writeThumbnail(ctx.config.dataDir, key, mime)) {
        await ctx.database.db.update(caseAttachments).set({ hasThumbnail: true }).where(eq(caseAttachments.id, attachmentId));
      }
    },
  };
}

/** Deadlines are looked at every minute. */
export const caseRecurringJobs: RecurringJob[] = [{ kind: 'cases.deadlines', everyMs: 60_000 }];
