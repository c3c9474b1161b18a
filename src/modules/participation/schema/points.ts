// Points rules per street or community, and the append-only ledger (a trigger refuses UPDATE and DELETE).
import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PointsAction } from '../contract.ts';

export const participationPointsRules = pgTable(
  'participation_points_rules',
  {
    orgCode: text('org_code').notNull(),
    orgPath: text('org_path').notNull(),
    action: text('action').notNull().$type<PointsAction>(),
    points: integer('points').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgCode, t.action] })],
);

export const participationPointsEntries = pgTable('participation_points_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  residentId: uuid('resident_id').notNull(),
  communityCode: text('community_code').notNull(),
  orgPath: text('org_path').notNull(),
  action: text('action').notNull().$type<PointsAction>(),
  points: integer('points').notNull(),
  sourceKind: text('source_kind').notNull(),
  sourceId: text('source_id').notNull(),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
