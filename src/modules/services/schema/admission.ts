// Tables of the admission lists (migrations/0016_services_more.sql): entries, tasks, community certificates.
import { boolean, date, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AdmissionList, CertificateKind, ReportField, TaskStatus } from '../contract/admission.ts';

export const admissionEntries = pgTable('admission_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  list: text('list').notNull().$type<AdmissionList>(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  basis: text('basis').notNull().default(''),
  departmentName: text('department_name').notNull().default(''),
  certificateKind: text('certificate_kind').$type<CertificateKind>(),
  districtCode: text('district_code').notNull(),
  orgPath: text('org_path').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communityTasks = pgTable('community_tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  departmentCode: text('department_code').notNull(),
  departmentName: text('department_name').notNull(),
  departmentPath: text('department_path').notNull(),
  targetCode: text('target_code').notNull(),
  targetName: text('target_name').notNull(),
  orgPath: text('org_path').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  deadline: date('deadline').notNull(),
  reportFields: jsonb('report_fields').notNull().$type<ReportField[]>(),
  entryId: uuid('entry_id'),
  status: text('status').notNull().$type<TaskStatus>(),
  reviewReason: text('review_reason'),
  decisionNote: text('decision_note'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: text('decided_by'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communityCertificates = pgTable('community_certificates', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  code: text('code').notNull().unique(),
  entryId: uuid('entry_id').notNull(),
  communityCode: text('community_code').notNull(),
  orgPath: text('org_path').notNull(),
  residentId: text('resident_id').notNull(),
  holder: text('holder').notNull(),
  purpose: text('purpose').notNull(),
  issuedBy: text('issued_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
