// The facilities' background work: recomputing a district's coverage when something it
// depends on changed, and a periodic check that catches the registry's changes (buildings
// added or moved, residents moving in or out), which this module is not told about.
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { RECOMPUTE_JOB } from './use-cases/common.ts';
import { districtsWithCoverage, recomputeDistrict } from './use-cases/compute.ts';

export const REFRESH_JOB = 'facilities.refresh-coverage';

const recompute: JobHandler = async (job, { ctx, log }) => {
  const districtCode = String(job.payload.districtCode ?? '');
  const outcome = await recomputeDistrict(ctx.database.db, districtCode);
  if (outcome.computed) log.info({ districtCode, ...outcome }, 'facilities: coverage recomputed');
};

const refresh: JobHandler = async (_job, { ctx, log }) => {
  for (const districtCode of await districtsWithCoverage(ctx.database.db)) {
    const outcome = await recomputeDistrict(ctx.database.db, districtCode);
    if (outcome.computed) log.info({ districtCode, ...outcome }, 'facilities: coverage recomputed after registry changes');
  }
};

export const facilityJobs = { [RECOMPUTE_JOB]: recompute, [REFRESH_JOB]: refresh };

/** The registry's changes are picked up within this period. */
export const facilityRecurringJobs: RecurringJob[] = [{ kind: REFRESH_JOB, everyMs: 10 * 60_000 }];
