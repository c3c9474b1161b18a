// The appointments' clock: every quarter hour, bookings nobody came for become no-shows.
import type { JobHandler, RecurringJob } from '../../../platform/jobs.ts';
import { markNoShows } from './appointments.ts';

export const NO_SHOW_JOB = 'services.no-shows';

const sweep: JobHandler = async (_job, { ctx, log }) => {
  const marked = await markNoShows(ctx.database.db);
  if (marked > 0) log.info({ marked }, 'appointments marked no-show');
};

export const appointmentJobs: Record<string, JobHandler> = { [NO_SHOW_JOB]: sweep };
export const appointmentRecurringJobs: RecurringJob[] = [{ kind: NO_SHOW_JOB, everyMs: 15 * 60_000 }];
