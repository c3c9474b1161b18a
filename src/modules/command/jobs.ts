// The command module's background work: rolling finished days into the daily counts, and
// running the early-warning rules.
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { rollFinishedDays } from './use-cases/rollup.ts';
import { detectWarnings } from './use-cases/detect.ts';

export const ROLLUP_JOB = 'command.rollup';
export const DETECT_JOB = 'command.detect';

const rollup: JobHandler = async (_job, { ctx, log }) => {
  const result = await rollFinishedDays(ctx.database.db);
  if (result.rows) log.info(result, 'command rollup');
};

const detect: JobHandler = async (_job, { ctx, log }) => {
  const raised = await detectWarnings(ctx.database.db);
  if (raised) log.info({ raised }, 'command warnings raised');
};

export const commandJobs = { [ROLLUP_JOB]: rollup, [DETECT_JOB]: detect };

export const commandRecurringJobs: RecurringJob[] = [
  // Cheap when nothing is new: one query finds the rollup up to date.
  { kind: ROLLUP_JOB, everyMs: 15 * 60_000 },
  // A surge is news within the quarter hour.
  { kind: DETECT_JOB, everyMs: 10 * 60_000 },
];
