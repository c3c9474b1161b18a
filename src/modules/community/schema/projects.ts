// The projects' tables (migration 0018_community_projects.sql).
import { bigint, bigserial, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ApplicationStatus, CallStatus, Criterion, Indicator, MilestoneStatus, ProjectKind } from '../contract/projects.ts';

const money = (name: string) => bigint(name, { mode: 'number' });

export const projectCalls = pgTable('community_project_calls', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgCode: text('org_code').notNull(),
  orgPath: text('org_path').notNull(),
  orgName: text('org_name').notNull(),
  kind: text('kind').notNull().$type<ProjectKind>(),
  title: text('title').notNull(),
  need: text('need').notNull(),
  needSource: text('need_source').notNull().$type<'staff' | 'participation'>(),
  budgetFen: money('budget_fen').notNull(),
  criteria: jsonb('criteria').notNull().$type<Criterion[]>(),
  closesOn: date('closes_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().$type<CallStatus>().default('open'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const projectPanel = pgTable(
  'community_project_panel',
  {
    callId: uuid('call_id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.userId] })],
);

export const projectApplications = pgTable('community_project_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  callId: uuid('call_id').notNull(),
  orgPath: text('org_path').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  organisationName: text('organisation_name').notNull(),
  title: text('title').notNull(),
  plan: text('plan').notNull(),
  budgetLines: jsonb('budget_lines').notNull().$type<{ item: string; amountFen: number }[]>(),
  requestedFen: money('requested_fen').notNull(),
  indicators: jsonb('indicators').notNull().$type<Indicator[]>(),
  status: text('status').notNull().$type<ApplicationStatus>().default('submitted'),
  awardedFen: money('awarded_fen'),
  contractNumber: text('contract_number'),
  submittedBy: text('submitted_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});

export const projectReviews = pgTable(
  'community_project_reviews',
  {
    applicationId: uuid('application_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    reviewerName: text('reviewer_name').notNull(),
    conflict: boolean('conflict').notNull(),
    conflictNote: text('conflict_note'),
    scores: jsonb('scores').notNull().$type<Record<string, number>>(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.reviewerId] })],
);

export const projectMilestones = pgTable('community_project_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  seq: integer('seq').notNull(),
  title: text('title').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().$type<MilestoneStatus>().default('planned'),
  report: text('report'),
  decisionNote: text('decision_note'),
  decidedBy: text('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

/** A file (photo, PDF) of a milestone's deliverables; the bytes are in the platform's storage. */
export const projectDeliverables = pgTable('community_project_deliverables', {
  id: uuid('id').primaryKey().defaultRandom(),
  milestoneId: uuid('milestone_id').notNull(),
  applicationId: uuid('application_id').notNull(),
  storageKey: text('storage_key').notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const projectTranches = pgTable('community_project_tranches', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  seq: integer('seq').notNull(),
  milestoneId: uuid('milestone_id').notNull(),
  amountFen: money('amount_fen').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  paidBy: text('paid_by'),
  voucherNumber: text('voucher_number'),
});

export const projectServiceRecords = pgTable('community_project_service_records', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  indicatorKey: text('indicator_key').notNull(),
  quantity: integer('quantity').notNull(),
  servedOn: date('served_on', { mode: 'string' }).notNull(),
  note: text('note').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const projectSiteVisits = pgTable('community_project_site_visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  visitedOn: date('visited_on', { mode: 'string' }).notNull(),
  findings: text('findings').notNull(),
  rating: integer('rating').notNull(),
  visitor: text('visitor').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const projectEvaluations = pgTable('community_project_evaluations', {
  applicationId: uuid('application_id').primaryKey(),
  evaluator: text('evaluator').notNull(),
  thirdPartyScore: integer('third_party_score').notNull(),
  surveyed: integer('surveyed').notNull(),
  satisfied: integer('satisfied').notNull(),
  conclusion: text('conclusion').notNull(),
  evaluatedBy: text('evaluated_by').notNull(),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const projectEvents = pgTable('community_project_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  callId: uuid('call_id').notNull(),
  applicationId: uuid('application_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
});
