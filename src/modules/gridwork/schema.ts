// The gridwork module's tables (migrations/0012_gridwork.sql creates them).
import { bigint, boolean, date, doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DutyKind, LeaveKind, LeaveStatus, PatrolStatus } from './contract.ts';

/** The worker a row belongs to and the grid it was made in (its org path is the grid's). Fresh builders per table. */
const ownedByWorker = () => ({
  workerId: uuid('worker_id').notNull(),
  workerName: text('worker_name').notNull(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
});

export const patrols = pgTable('gridwork_patrols', {
  id: uuid('id').primaryKey().defaultRandom(),
  ...ownedByWorker(),
  status: text('status').notNull().$type<PatrolStatus>(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  distanceMeters: doublePrecision('distance_meters').notNull().default(0),
  coverage: doublePrecision('coverage').notNull().default(0),
  pointCount: integer('point_count').notNull().default(0),
  lastLng: doublePrecision('last_lng'),
  lastLat: doublePrecision('last_lat'),
  lastAt: timestamp('last_at', { withTimezone: true }),
  /** Set when the retention job deleted the points; the figures stay for the record. */
  trackDeletedAt: timestamp('track_deleted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const trackPoints = pgTable('gridwork_track_points', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  patrolId: uuid('patrol_id').notNull(),
  lng: doublePrecision('lng').notNull(),
  lat: doublePrecision('lat').notNull(),
  accuracy: doublePrecision('accuracy'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

export const dutyRules = pgTable('gridwork_duty_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  districtCode: text('district_code').notNull(),
  orgPath: text('org_path').notNull(),
  kind: text('kind').notNull().$type<DutyKind>(),
  name: text('name').notNull(),
  keyGroupKinds: jsonb('key_group_kinds').notNull().$type<string[]>(),
  everyDays: integer('every_days'),
  categories: jsonb('categories').notNull().$type<string[]>(),
  hoursAllowed: integer('hours_allowed'),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const occasions = pgTable('gridwork_occasions', {
  id: uuid('id').primaryKey().defaultRandom(),
  ruleId: uuid('rule_id').notNull(),
  kind: text('kind').notNull().$type<DutyKind>(),
  title: text('title').notNull(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  createdById: uuid('created_by_id'),
  createdByName: text('created_by_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedById: uuid('closed_by_id'),
  closedByName: text('closed_by_name'),
  /** What closed it: a case id (report) or the worker's note (attend). */
  closedRef: text('closed_ref'),
});

export const workLogs = pgTable('gridwork_work_logs', {
  id: uuid('id').primaryKey().defaultRandom(),
  ...ownedByWorker(),
  day: date('day', { mode: 'string' }).notNull(),
  seen: text('seen').notNull(),
  heard: text('heard').notNull(),
  done: text('done').notNull(),
  caseIds: jsonb('case_ids').notNull().$type<string[]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const logPhotos = pgTable('gridwork_log_photos', {
  id: uuid('id').primaryKey().defaultRandom(),
  logId: uuid('log_id').notNull(),
  storageKey: text('storage_key').notNull(),
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const attendance = pgTable('gridwork_attendance', {
  id: uuid('id').primaryKey().defaultRandom(),
  ...ownedByWorker(),
  day: date('day', { mode: 'string' }).notNull(),
  checkInAt: timestamp('check_in_at', { withTimezone: true }),
  checkInDistance: doublePrecision('check_in_distance'),
  checkOutAt: timestamp('check_out_at', { withTimezone: true }),
  checkOutDistance: doublePrecision('check_out_distance'),
});

export const leaves = pgTable('gridwork_leaves', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull().$type<LeaveKind>(),
  ...ownedByWorker(),
  fromDay: date('from_day', { mode: 'string' }).notNull(),
  toDay: date('to_day', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  swapWithId: uuid('swap_with_id'),
  swapWithName: text('swap_with_name'),
  status: text('status').notNull().$type<LeaveStatus>(),
  decidedByName: text('decided_by_name'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionNote: text('decision_note'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const settings = pgTable('gridwork_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
