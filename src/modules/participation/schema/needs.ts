// Residents' accounts linked to the registry, needs and micro-wishes.
import { type AnyPgColumn, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ClaimantKind, MatterKind, NeedClass, NeedStatus, SourceChannel, WishStatus } from '../contract.ts';

export const participationResidents = pgTable('participation_residents', {
  userId: uuid('user_id').primaryKey(),
  residentId: uuid('resident_id').notNull().unique(),
  communityCode: text('community_code').notNull(),
  orgPath: text('org_path').notNull(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationNeeds = pgTable('participation_needs', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  needClass: text('need_class').notNull().$type<NeedClass>(),
  matterKind: text('matter_kind').$type<MatterKind>(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  channel: text('channel').notNull().$type<SourceChannel>(),
  residentId: uuid('resident_id'),
  visitId: uuid('visit_id'),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  status: text('status').notNull().default('open').$type<NeedStatus>(),
  mergedInto: uuid('merged_into').references((): AnyPgColumn => participationNeeds.id),
  proposalId: uuid('proposal_id'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationMicroWishes = pgTable('participation_micro_wishes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  needId: uuid('need_id'),
  wish: text('wish').notNull(),
  shownName: text('shown_name').notNull(),
  residentId: uuid('resident_id'),
  status: text('status').notNull().default('open').$type<WishStatus>(),
  claimantKind: text('claimant_kind').$type<ClaimantKind>(),
  claimantId: uuid('claimant_id'),
  claimantName: text('claimant_name'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  fulfilmentNote: text('fulfilment_note'),
  photoKey: text('photo_key'),
  photoMime: text('photo_mime'),
  fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
  thanks: text('thanks'),
  thankedAt: timestamp('thanked_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
