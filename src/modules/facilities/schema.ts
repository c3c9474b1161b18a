// The facilities module's tables (vocabularies are in contract.ts).
import { boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DistanceMethod, FacilityCategory, LifeCircleLevel, OperatorType, PopulationGroup } from './contract.ts';

export const facilityKinds = pgTable('facility_kinds', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  category: text('category').notNull().$type<FacilityCategory>(),
  level: text('level').notNull().$type<LifeCircleLevel>(),
  walkMeters: integer('walk_meters').notNull(),
  required: boolean('required').notNull(),
  group: text('population_group').notNull().$type<PopulationGroup>().default('all'),
  sort: integer('sort').notNull().default(0),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const facilities = pgTable('facilities', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  level: text('level').notNull().$type<LifeCircleLevel>(),
  lng: doublePrecision('lng').notNull(),
  lat: doublePrecision('lat').notNull(),
  address: text('address'),
  openingHours: text('opening_hours'),
  capacity: integer('capacity'),
  operatorType: text('operator_type').notNull().$type<OperatorType>(),
  operatorName: text('operator_name').notNull(),
  operatorCode: text('operator_code'),
  contact: text('contact'),
  communityCode: text('community_code').notNull(),
  gridCode: text('grid_code'),
  orgPath: text('org_path').notNull(),
  districtCode: text('district_code').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A road network's lines as stored: each line an array of [lng, lat]. */
export type RoadLines = [number, number][][];

export const facilityDistricts = pgTable('facility_districts', {
  districtCode: text('district_code').primaryKey(),
  orgPath: text('org_path').notNull(),
  detourFactor: doublePrecision('detour_factor').notNull().default(1.3),
  roadLines: jsonb('road_lines').$type<RoadLines>(),
  roadNodes: integer('road_nodes'),
  roadEdges: integer('road_edges'),
  roadLengthKm: doublePrecision('road_length_km'),
  roadImportedAt: timestamp('road_imported_at', { withTimezone: true }),
  generation: integer('generation').notNull().default(1),
  computedGeneration: integer('computed_generation').notNull().default(0),
  computedAt: timestamp('computed_at', { withTimezone: true }),
  populationDigest: text('population_digest'),
  computedMethod: text('computed_method').$type<DistanceMethod>(),
});

export const buildingCoverage = pgTable('building_coverage', {
  buildingId: uuid('building_id').primaryKey(),
  districtCode: text('district_code').notNull(),
  communityCode: text('community_code').notNull(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  lng: doublePrecision('lng').notNull(),
  lat: doublePrecision('lat').notNull(),
  residents: integer('residents').notNull(),
  elderly: integer('elderly').notNull(),
  children: integer('children').notNull(),
  distances: jsonb('distances').notNull().$type<Record<string, number | null>>(),
  nearest: jsonb('nearest').notNull().$type<Record<string, string | null>>(),
  lacking: text('lacking').array().notNull(),
  search: text('search').notNull(),
});
