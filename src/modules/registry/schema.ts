// The registry's tables (vocabularies are in contract.ts).
import { bigint, boolean, customType, date, doublePrecision, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  BuildingUse,
  CustomFieldDefinition,
  Education,
  Gender,
  HouseTenure,
  LedgerFormat,
  PoliticalStatus,
  Relation,
  ResidenceType,
  ResidentStatus,
  StoredImportStatus,
  VisitMethod,
} from './contract.ts';

// Written with array_to_tsvector from bigrams computed in text-search.ts, read never.
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const buildings = pgTable('buildings', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityCode: text('community_code').notNull(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  floors: integer('floors'),
  units: integer('units'),
  use: text('use').notNull().$type<BuildingUse>().default('residential'),
  lng: doublePrecision('lng'),
  lat: doublePrecision('lat'),
  search: tsvector('search').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const houses = pgTable('houses', {
  id: uuid('id').primaryKey().defaultRandom(),
  buildingId: uuid('building_id').notNull(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
  unit: text('unit').notNull().default(''),
  floor: integer('floor'),
  number: text('number').notNull(),
  area: numeric('area', { precision: 8, scale: 2, mode: 'number' }),
  tenure: text('tenure').notNull().$type<HouseTenure>().default('owner_occupied'),
  notes: text('notes'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const households = pgTable('households', {
  id: uuid('id').primaryKey().defaultRandom(),
  houseId: uuid('house_id').notNull(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
  number: text('number').notNull().default('1'),
  headResidentId: uuid('head_resident_id'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const residents = pgTable('residents', {
  id: uuid('id').primaryKey().defaultRandom(),
  gridCode: text('grid_code').notNull(),
  orgPath: text('org_path').notNull(),
  houseId: uuid('house_id'),
  householdId: uuid('household_id'),
  relation: text('relation').$type<Relation>(),
  status: text('status').notNull().$type<ResidentStatus>().default('active'),
  name: text('name').notNull(),
  namePinyin: text('name_pinyin').notNull(),
  nameInitials: text('name_initials').notNull(),
  gender: text('gender').notNull().$type<Gender>(),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  idNumberHash: text('id_number_hash').notNull(),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  ethnicity: text('ethnicity'),
  residenceType: text('residence_type').notNull().$type<ResidenceType>().default('local'),
  arrivedOn: date('arrived_on', { mode: 'string' }),
  employer: text('employer'),
  education: text('education').$type<Education>(),
  politicalStatus: text('political_status').$type<PoliticalStatus>(),
  notes: text('notes'),
  search: tsvector('search').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const residenceHistory = pgTable('residence_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  residentId: uuid('resident_id').notNull(),
  houseId: uuid('house_id'),
  householdId: uuid('household_id'),
  relation: text('relation').$type<Relation>(),
  orgPath: text('org_path').notNull(),
  movedInOn: date('moved_in_on', { mode: 'string' }).notNull(),
  movedOutOn: date('moved_out_on', { mode: 'string' }),
  reason: text('reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const keyGroupKinds = pgTable('key_group_kinds', {
  code: text('code').primaryKey(),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  sensitive: boolean('sensitive').notNull().default(false),
  visitEveryDays: integer('visit_every_days'),
  fields: jsonb('fields').notNull().$type<CustomFieldDefinition[]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const keyGroupMemberships = pgTable('key_group_memberships', {
  id: uuid('id').primaryKey().defaultRandom(),
  residentId: uuid('resident_id').notNull(),
  kind: text('kind').notNull(),
  orgPath: text('org_path').notNull(),
  sensitive: boolean('sensitive').notNull(),
  fields: jsonb('fields').notNull().$type<Record<string, unknown>>(),
  since: date('since', { mode: 'string' }).notNull(),
  until: date('until', { mode: 'string' }),
  visitEveryDays: integer('visit_every_days'),
  lastVisitedOn: date('last_visited_on', { mode: 'string' }),
  nextVisitDue: date('next_visit_due', { mode: 'string' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const visits = pgTable('visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  residentId: uuid('resident_id').notNull(),
  membershipId: uuid('membership_id'),
  orgPath: text('org_path').notNull(),
  visitedOn: date('visited_on', { mode: 'string' }).notNull(),
  method: text('method').notNull().$type<VisitMethod>(),
  visitorId: uuid('visitor_id'),
  visitorName: text('visitor_name').notNull(),
  notes: text('notes'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const registryImports = pgTable('registry_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityCode: text('community_code').notNull(),
  orgPath: text('org_path').notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  fileName: text('file_name').notNull(),
  format: text('format').notNull().$type<LedgerFormat>(),
  mapping: jsonb('mapping').notNull().$type<Record<string, string>>(),
  headers: jsonb('headers').notNull().$type<{ header: string; field: string | null }[]>(),
  status: text('status').notNull().$type<StoredImportStatus>(),
  onlyValid: boolean('only_valid'),
  totalRows: integer('total_rows').notNull().default(0),
  validRows: integer('valid_rows').notNull().default(0),
  errorRows: integer('error_rows').notNull().default(0),
  newRows: integer('new_rows').notNull().default(0),
  changedRows: integer('changed_rows').notNull().default(0),
  unchangedRows: integer('unchanged_rows').notNull().default(0),
  inserted: integer('inserted').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  failure: jsonb('failure').$type<{ code: string; message: string; details?: Record<string, unknown> }>(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  checkedAt: timestamp('checked_at', { withTimezone: true }),
  committedAt: timestamp('committed_at', { withTimezone: true }),
  undoStartedAt: timestamp('undo_started_at', { withTimezone: true }),
});

/** What each chunk of an interrupted PGlite commit created (before is null) or changed (the row as it was): undo replays it (import/undo.ts). */
export const registryImportUndo = pgTable('registry_import_undo', {
  importId: uuid('import_id').notNull(),
  chunk: integer('chunk').notNull(),
  tableName: text('table_name').notNull(),
  rowId: uuid('row_id').notNull(),
  before: jsonb('before').$type<Record<string, unknown>>(),
});

export const registryImportErrors = pgTable('registry_import_errors', {
  importId: uuid('import_id').notNull(),
  rowNo: integer('row_no').notNull(),
  columnName: text('column_name').notNull(),
  message: text('message').notNull(),
  personName: text('person_name'),
});

// Checked ledger rows waiting for commit (an unlogged staging table, written and read by set-based SQL).
export const registryImportRows = pgTable('registry_import_rows', {
  importId: uuid('import_id').notNull(),
  rowNo: integer('row_no').notNull(),
  valid: boolean('valid').notNull().default(true),
  gridCode: text('grid_code'),
  building: text('building'),
  unit: text('unit'),
  floor: integer('floor'),
  houseNumber: text('house_number'),
  householdNumber: text('household_number'),
  tenure: text('tenure'),
  relation: text('relation'),
  name: text('name'),
  namePinyin: text('name_pinyin'),
  nameInitials: text('name_initials'),
  gender: text('gender'),
  birthDate: date('birth_date'),
  idNumberEnc: text('id_number_enc'),
  idNumberHash: text('id_number_hash'),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  ethnicity: text('ethnicity'),
  residenceType: text('residence_type'),
  arrivedOn: date('arrived_on'),
  employer: text('employer'),
  education: text('education'),
  politicalStatus: text('political_status'),
  notes: text('notes'),
  keyGroups: jsonb('key_groups').notNull().default([]),
  searchTerms: text('search_terms').array().notNull().default([]),
  buildingTerms: text('building_terms').array().notNull().default([]),
});

/** Look-ups by a whole ID or phone number, per account, for the rate limit (no values). */
export const identifierLookups = pgTable('identifier_lookups', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  account: text('account').notNull(),
  field: text('field').notNull(),
  context: text('context').notNull(),
  refused: boolean('refused').notNull().default(false),
  /** Keyed hash of the value looked up (never the value): the limit counts a value once per window. */
  valueHash: text('value_hash'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/** The identifier look-up limit (one row). */
export const identifierLookupSettings = pgTable('identifier_lookup_settings', {
  id: integer('id').primaryKey().default(1),
  lookupLimit: integer('lookup_limit').notNull().default(30),
  windowMinutes: integer('window_minutes').notNull().default(10),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
