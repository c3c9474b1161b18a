// The applications' recurring job: the deadline sweep.
import type { JobHandler, RecurringJob } from '../../../platform/jobs.ts';
import { sweepApplicationDeadlines } from './deadlines.ts';

export const applicationJobs: Record<string, JobHandler> = {
  'services.deadlines': async (_job, { ctx }) => {
    await sweepApplicationDeadlines(ctx.database.db);
  },
};

export const applicationRecurringJobs: RecurringJob[] = [{ kind: 'services.deadlines', everyMs: 5 * 60_000 }];
