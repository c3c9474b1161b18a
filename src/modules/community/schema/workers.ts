// Tables of the social workers, their caseload and service records.
import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WorkerLevel } from '../contract.ts';

export const communityWorkers = pgTable('community_workers', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  level: text('level').notNull().$type<WorkerLevel>(),
  certificateNumber: text('certificate_number'),
  certifiedOn: date('certified_on', { mode: 'string' }),
  employerId: uuid('employer_id'),
  employerName: text('employer_name'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A resident a worker serves; the resident's org path decides who sees the name. */
export const communityCaseload = pgTable('community_caseload', {
  id: uuid('id').primaryKey().defaultRandom(),
  workerId: uuid('worker_id').notNull(),
  residentId: uuid('resident_id').notNull(),
  residentOrgPath: text('resident_org_path').notNull(),
  reason: text('reason').notNull(),
  openedOn: date('opened_on', { mode: 'string' }).notNull(),
  closedOn: date('closed_on', { mode: 'string' }),
  outcome: text('outcome'),
});

export const communityWorkerServices = pgTable('community_worker_services', {
  id: uuid('id').primaryKey().defaultRandom(),
  workerId: uuid('worker_id').notNull(),
  caseId: uuid('case_id'),
  servedOn: date('served_on', { mode: 'string' }).notNull(),
  minutes: integer('minutes').notNull(),
  summary: text('summary').notNull(),
  recordedBy: text('recorded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
