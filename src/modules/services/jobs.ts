// Background work of services: the deadline sweep of applications (warnings, overdue marks).
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';

export const serviceJobHandlers: Record<string, JobHandler> = {};

export const serviceRecurringJobs: RecurringJob[] = [];
