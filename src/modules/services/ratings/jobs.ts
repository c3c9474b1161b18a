// The rectification clock: every hour, open records past their 15 working days are marked overdue.
import type { JobHandler, RecurringJob } from '../../../platform/jobs.ts';
import { markOverdueRectifications } from './rectifications.ts';

export const RECTIFICATION_JOB = 'services.rectification-deadlines';

const sweep: JobHandler = async (_job, { ctx, log }) => {
  const marked = await markOverdueRectifications(ctx.database.db);
  if (marked > 0) log.info({ marked }, 'rectifications overdue');
};

export const ratingJobs: Record<string, JobHandler> = { [RECTIFICATION_JOB]: sweep };
export const ratingRecurringJobs: RecurringJob[] = [{ kind: RECTIFICATION_JOB, everyMs: 3600_000 }];
