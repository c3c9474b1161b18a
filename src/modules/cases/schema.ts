import { bigint, boolean, customType, date, doublePrecision, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  CaseRating,
  CaseSource,
  CaseState,
  CaseTier,
  CaseUrgency,
  CategoryAttribute,
  MatterClass,
  SlaLevel,
  SlaStage,
  SupervisionLevel,
  TimelineAction,
  WorkingTime,
} from './contract.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const caseCategories = pgTable('case_categories', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  name: text('name').notNull(),
  namePinyin: text('name_pinyin').notNull(),
  nameInitials: text('name_initials').notNull(),
  description: text('description').notNull().default(''),
  keywords: text('keywords').notNull().default(''),
  defaultMatterClass: text('default_matter_class').notNull().$type<MatterClass>(),
  attributes: jsonb('attributes').notNull().$type<CategoryAttribute[]>().default([]),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  /** Vulnerable people or security: never published, whatever the privacy of its cases. */
  sensitive: boolean('sensitive').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseTimeLimits = pgTable('case_time_limits', {
  id: uuid('id').primaryKey().defaultRandom(),
  categoryCode: text('category_code'),
  stage: text('stage').notNull().$type<SlaStage>(),
  unit: text('unit').notNull().$type<WorkingTime['unit']>(),
  amount: doublePrecision('amount').notNull(),
  yellowAt: doublePrecision('yellow_at').notNull(),
  redAt: doublePrecision('red_at').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseCalendarYears = pgTable('case_calendar_years', {
  year: integer('year').primaryKey(),
  holidays: jsonb('holidays').notNull().$type<string[]>(),
  workdays: jsonb('workdays').notNull().$type<string[]>(),
  provisional: boolean('provisional').notNull().default(false),
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

export const caseSettings = pgTable('case_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseNumberCounters = pgTable('case_number_counters', {
  prefix: text('prefix').notNull(),
  day: date('day').notNull(),
  seq: integer('seq').notNull(),
});

export const caseRoutingRules = pgTable('case_routing_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  nodeCode: text('node_code').notNull(),
  nodePath: text('node_path').notNull(),
  categoryCode: text('category_code'),
  unitCode: text('unit_code').notNull(),
  coUnitCodes: text('co_unit_codes').array().notNull().default([]),
  note: text('note').notNull().default(''),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  categoryCode: text('category_code').notNull(),
  classCode: text('class_code').notNull(),
  matterClass: text('matter_class').notNull().$type<MatterClass>(),
  urgency: text('urgency').notNull().$type<CaseUrgency>(),
  source: text('source').notNull().$type<CaseSource>(),
  state: text('state').notNull().$type<CaseState>(),
  tier: text('tier').notNull().$type<CaseTier>(),
  version: integer('version').notNull().default(1),
  orgPath: text('org_path').notNull(),
  gridCode: text('grid_code'),
  communityCode: text('community_code'),
  streetCode: text('street_code'),
  districtCode: text('district_code'),
  lng: doublePrecision('lng'),
  lat: doublePrecision('lat'),
  address: text('address').notNull().default(''),
  reporterUserId: uuid('reporter_user_id'),
  reporterName: text('reporter_name'),
  reporterPhone: text('reporter_phone'),
  reporterPhoneHash: text('reporter_phone_hash'),
  reporterShared: boolean('reporter_shared').notNull().default(false),
  residentIds: text('resident_ids').array().notNull().default([]),
  houseIds: text('house_ids').array().notNull().default([]),
  peopleInvolved: integer('people_involved'),
  amountInvolved: numeric('amount_involved', { precision: 14, scale: 2 }),
  attributes: jsonb('attributes').notNull().$type<Record<string, string | string[]>>().default({}),
  mediaUrl: text('media_url'),
  mediaUrls: text('media_urls').array().notNull().default([]),
  reporterEmail: text('reporter_email'),
  addressId: text('address_id'),
  zipcode: text('zipcode'),
  isPublic: boolean('is_public').notNull().default(true),
  dispatcherUnit: text('dispatcher_unit'),
  handlingUnit: text('handling_unit'),
  coUnits: text('co_units').array().notNull().default([]),
  handledBy: text('handled_by').array().notNull().default([]),
  suspendedFrom: text('suspended_from').$type<CaseState>(),
  reopenCount: integer('reopen_count').notNull().default(0),
  reworkCount: integer('rework_count').notNull().default(0),
  extensionCount: integer('extension_count').notNull().default(0),
  pendingExtension: jsonb('pending_extension').$type<WorkingTime>(),
  rating: text('rating').$type<CaseRating>(),
  resolved: boolean('resolved'),
  supervisionLevel: text('supervision_level').$type<SupervisionLevel>(),
  parentCaseId: uuid('parent_case_id'),
  stage: text('stage').$type<SlaStage>(),
  stageStartedAt: timestamp('stage_started_at', { withTimezone: true }),
  warnAt: timestamp('warn_at', { withTimezone: true }),
  redAt: timestamp('red_at', { withTimezone: true }),
  deadlineAt: timestamp('deadline_at', { withTimezone: true }),
  slaLevel: text('sla_level').notNull().$type<SlaLevel>().default('normal'),
  overdueAt: timestamp('overdue_at', { withTimezone: true }),
  superviseRedAt: timestamp('supervise_red_at', { withTimezone: true }),
  overdueCount: integer('overdue_count').notNull().default(0),
  acceptOnTime: boolean('accept_on_time'),
  open311Token: text('open311_token'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  ratedAt: timestamp('rated_at', { withTimezone: true }),
  searchVector: tsvector('search_vector'),
});

/** Partitioned by Beijing month of `at` (migration 0029). */
export const caseTimeline = pgTable('case_timeline', {
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  caseId: uuid('case_id').notNull(),
  version: integer('version').notNull(),
  action: text('action').notNull().$type<TimelineAction>(),
  fromState: text('from_state').$type<CaseState>(),
  toState: text('to_state').notNull().$type<CaseState>(),
  fromTier: text('from_tier').$type<CaseTier>(),
  toTier: text('to_tier').notNull().$type<CaseTier>(),
  actorId: text('actor_id'),
  actorName: text('actor_name').notNull(),
  actorRole: text('actor_role').notNull(),
  actorUnit: text('actor_unit'),
  orgPath: text('org_path').notNull(),
  handlingUnit: text('handling_unit'),
  at: timestamp('at', { withTimezone: true }).notNull(),
  reason: text('reason'),
  text: text('text'),
  photos: text('photos').array(),
  targetUnit: text('target_unit'),
  coUnits: text('co_units').array(),
  rating: text('rating').$type<CaseRating>(),
  extension: jsonb('extension').$type<WorkingTime>(),
  supervisionLevel: text('supervision_level').$type<SupervisionLevel>(),
  parentCaseId: uuid('parent_case_id'),
  details: jsonb('details').notNull().$type<Record<string, unknown>>().default({}),
}, (t) => [primaryKey({ columns: [t.id, t.at] })]);

/** The org units a case was dispatched to (what a department's list reads), written with the dispatch. */
export const caseHandlers = pgTable(
  'case_handlers',
  {
    caseId: uuid('case_id').notNull(),
    unit: text('unit').notNull(),
    /** The case's reporting time: a department's list in its order. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.unit] })],
);

export const caseAttachments = pgTable('case_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id'),
  storageKey: text('storage_key').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  originalName: text('original_name').notNull().default(''),
  hasThumbnail: boolean('has_thumbnail').notNull().default(false),
  uploadedBy: text('uploaded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type CaseRow = typeof cases.$inferSelect;
export type TimelineRow = typeof caseTimeline.$inferSelect;
export type CategoryRow = typeof caseCategories.$inferSelect;
