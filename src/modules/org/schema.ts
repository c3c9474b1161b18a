// The org module's tables: org units (org_nodes), grids and their rosters.
import { doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { GridGeometry } from './geo.ts';
import type { CommunityType, GridDuty, GridKind, OrgLevel } from './contract.ts';

export const orgNodes = pgTable('org_nodes', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  level: text('level').notNull().$type<OrgLevel>(),
  name: text('name').notNull(),
  fullName: text('full_name').notNull(),
  orgPath: text('org_path').notNull().unique(),
  communityType: text('community_type').$type<CommunityType>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const grids = pgTable('grids', {
  code: text('code').primaryKey(),
  communityCode: text('community_code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<GridKind>(),
  orgPath: text('org_path').notNull().unique(),
  geometry: jsonb('geometry').notNull().$type<GridGeometry>(),
  minLng: doublePrecision('min_lng').notNull(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLng: doublePrecision('max_lng').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const gridStaff = pgTable('grid_staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  duty: text('duty').notNull().$type<GridDuty>(),
  phone: text('phone'),
  userId: uuid('user_id'),
  sort: integer('sort').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
