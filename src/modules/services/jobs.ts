// Background work of services: the deadline sweep of applications (warnings, overdue marks).
import type { JobHandler, RecurringJob } from '../../platform/jobs.ts';
import { applicationJobs, applicationRecurringJobs } from './applications/jobs.ts';
import { appointmentJobs, appointmentRecurringJobs } from './appointments/jobs.ts';
import { ratingJobs, ratingRecurringJobs } from './ratings/jobs.ts';

export const serviceJobHandlers: Record<string, JobHandler> = { ...applicationJobs, ...appointmentJobs, ...ratingJobs };

export const serviceRecurringJobs: RecurringJob[] = [...applicationRecurringJobs, ...appointmentRecurringJobs, ...ratingRecurringJobs];
