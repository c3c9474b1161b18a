// The command module's background work: running the early-warning rules (the daily rollup
// they read is rolled by cases' job cases.rollup).
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { detectWarnings } from './use-cases/detect.ts';

export const DETECT_JOB = 'command.detect';

const detect: JobHandler = async (_job, { ctx, log }) => {
  const raised = await detectWarnings(ctx.database.db);
  if (raised) log.info({ raised }, 'command warnings raised');
};

export const commandJobs = { [DETECT_JOB]: detect };

export const commandRecurringJobs: RecurringJob[] = [
  // A surge is news within the quarter hour.
  { kind: DETECT_JOB, everyMs: 10 * 60_000 },
];
