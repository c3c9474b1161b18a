// Tables of 好差评 (migrations/0016_services_more.sql): ratings and the rectification of bad ones.
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RatingChannel, RatingSubject, RectificationStatus } from '../contract/ratings.ts';

export const serviceRatings = pgTable('service_ratings', {
  id: uuid('id').primaryKey().defaultRandom(),
  subjectKind: text('subject_kind').notNull().$type<RatingSubject>(),
  subjectId: text('subject_id').notNull(),
  subjectNumber: text('subject_number').notNull(),
  itemCode: text('item_code'),
  itemName: text('item_name'),
  centreCode: text('centre_code').notNull(),
  orgPath: text('org_path').notNull(),
  channel: text('channel').notNull().$type<RatingChannel>(),
  level: integer('level').notNull(),
  dimensions: jsonb('dimensions').notNull().$type<Record<string, number>>(),
  comment: text('comment').notNull().default(''),
  raterUserId: uuid('rater_user_id'),
  voided: boolean('voided').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ratingRectifications = pgTable('rating_rectifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  ratingId: uuid('rating_id').notNull(),
  orgPath: text('org_path').notNull(),
  status: text('status').notNull().$type<RectificationStatus>(),
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  overdueAt: timestamp('overdue_at', { withTimezone: true }),
  callbackAt: timestamp('callback_at', { withTimezone: true }),
  callbackBy: text('callback_by'),
  callbackNote: text('callback_note'),
  rectifiedAt: timestamp('rectified_at', { withTimezone: true }),
  rectifiedBy: text('rectified_by'),
  rectificationNote: text('rectification_note'),
  appealReason: text('appeal_reason').$type<'mistaken' | 'malicious'>(),
  appealNote: text('appeal_note'),
  appealedAt: timestamp('appealed_at', { withTimezone: true }),
  appealDecision: text('appeal_decision').$type<'upheld' | 'rejected'>(),
  appealDecisionNote: text('appeal_decision_note'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: text('decided_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
