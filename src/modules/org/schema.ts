import { doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { GridGeometry } from './geo.ts';

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

export const orgLevels = ['province', 'city', 'district', 'street', 'community', 'department'] as const;
export type OrgLevel = (typeof orgLevels)[number];

// SEEDS row 17 (Yuhua): 老旧城区居民型, 新楼盘型, 单位型, 综合型, 失地农民安置型, 保障性住房型, 商贸型.
export const communityTypes = [
  'old_town',
  'new_estate',
  'work_unit',
  'mixed',
  'resettlement',
  'affordable_housing',
  'commercial',
] as const;
export type CommunityType = (typeof communityTypes)[number];

export const gridKinds = ['community', 'key_unit', 'road'] as const;
export type GridKind = (typeof gridKinds)[number];

// 一格三员 and more: who serves a grid.
export const gridDuties = ['grid_leader', 'grid_worker', 'police', 'supervisor', 'party_liaison', 'volunteer'] as const;
export type GridDuty = (typeof gridDuties)[number];
