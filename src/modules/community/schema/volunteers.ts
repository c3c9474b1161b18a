// Tables of volunteers, activities, sign-ups, service records and their amendments, and the settings.
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { availabilities, skills } from '../contract.ts';

export const communityVolunteers = pgTable('community_volunteers', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  mobileEnc: text('mobile_enc').notNull(),
  mobileHash: text('mobile_hash').notNull(),
  /** The registry's resident with this name and mobile, when one exists (real-name check). */
  residentId: uuid('resident_id'),
  /** The resident's own account, when they registered themself. */
  userId: uuid('user_id').unique(),
  skills: jsonb('skills').notNull().$type<(typeof skills)[number][]>(),
  availability: text('availability').notNull().$type<(typeof availabilities)[number]>(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communityActivities = pgTable('community_activities', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  organisationId: uuid('organisation_id'),
  title: text('title').notNull(),
  description: text('description').notNull(),
  place: text('place').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  places: integer('places').notNull(),
  status: text('status').notNull().$type<'open' | 'closed'>(),
  checkCode: text('check_code'),
  checkCodeExpiresAt: timestamp('check_code_expires_at', { withTimezone: true }),
  /** The organiser: who confirms the hours of check-ins made with their code. */
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communitySignups = pgTable(
  'community_signups',
  {
    activityId: uuid('activity_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    signedUpAt: timestamp('signed_up_at', { withTimezone: true }).notNull().defaultNow(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.volunteerId] })],
);

/** 志愿服务记录: never updated or deleted (a trigger refuses it); corrected by amendments. */
export const communityServiceRecords = pgTable('community_service_records', {
  id: uuid('id').primaryKey().defaultRandom(),
  volunteerId: uuid('volunteer_id').notNull(),
  activityId: uuid('activity_id'),
  orgPath: text('org_path').notNull(),
  what: text('what').notNull(),
  place: text('place').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
  minutes: integer('minutes').notNull(),
  confirmedBy: text('confirmed_by').notNull(),
  confirmedById: uuid('confirmed_by_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A correction of a service record: the minutes that count from now on, and why. Append-only. */
export const communityRecordAmendments = pgTable('community_record_amendments', {
  id: uuid('id').primaryKey().defaultRandom(),
  recordId: uuid('record_id').notNull(),
  minutes: integer('minutes').notNull(),
  reason: text('reason').notNull(),
  amendedBy: text('amended_by').notNull(),
  amendedAt: timestamp('amended_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row: the settings of the whole installation. */
export const communitySettingsTable = pgTable('community_settings', {
  id: integer('id').primaryKey(),
  starThresholds: jsonb('star_thresholds').notNull().$type<number[]>(),
  pointsPerHour: integer('points_per_hour').notNull(),
  familyTransfers: boolean('family_transfers').notNull(),
  version: integer('version').notNull().default(1),
});
