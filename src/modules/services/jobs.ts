// Background work of services: the deadline sweep of applications (warnings, overdue marks).
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { applicationJobs, applicationRecurringJobs } from './applications/jobs.ts';

export const serviceJobHandlers: Record<string, JobHandler> = { ...applicationJobs };

export const serviceRecurringJobs: RecurringJob[] = [...applicationRecurringJobs];
