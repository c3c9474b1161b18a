// The points ledger (append-only; a trigger refuses UPDATE and DELETE) and the points mall.
import { integer, pgTable, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';
import type { PointsEntryKind } from '../contract.ts';

export const communityPointsEntries = pgTable('community_points_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  volunteerId: uuid('volunteer_id').notNull(),
  /** Orders a volunteer's entries: the balance is the last entry's balance_after. */
  seq: integer('seq').notNull(),
  kind: text('kind').notNull().$type<PointsEntryKind>(),
  points: integer('points').notNull(),
  balanceAfter: integer('balance_after').notNull(),
  memo: text('memo').notNull(),
  reversesId: uuid('reverses_id').unique(),
  serviceRecordId: uuid('service_record_id').unique(),
  itemId: uuid('item_id'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communityMallItems = pgTable('community_mall_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  price: integer('price').notNull(),
  stock: integer('stock'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
