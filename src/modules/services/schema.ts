// The services module's tables. services2's tables live in schema/<part>.ts, re-exported at the end.
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AcceptLevel, ApplicationStatus, FormField, ItemKind, MaterialSpec, ServiceChannel } from './contract.ts';

/** A service item (事项): its code, the version in force and whether it takes applications. */
export const serviceItems = pgTable('service_items', {
  code: text('code').primaryKey(),
  currentVersion: integer('current_version').notNull(),
  active: boolean('active').notNull().default(true),
  /** Name, code, pinyin and initials of the current version, lower case, for search. */
  searchText: text('search_text').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every version of an item as it was; an application names the version it was made under. */
export const serviceItemVersions = pgTable(
  'service_item_versions',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<ItemKind>(),
    departmentCode: text('department_code'),
    acceptLevels: text('accept_levels').array().notNull().$type<AcceptLevel[]>(),
    statutoryDays: integer('statutory_days').notNull(),
    promisedDays: integer('promised_days').notNull(),
    materials: jsonb('materials').notNull().$type<MaterialSpec[]>(),
    fees: text('fees').notNull(),
    channels: text('channels').array().notNull().$type<ServiceChannel[]>(),
    districtWide: boolean('district_wide').notNull(),
    formFields: jsonb('form_fields').notNull().$type<FormField[]>(),
    guide: text('guide').notNull(),
    admissionEntries: text('admission_entries').array().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] })],
);

/** A "one thing" bundle (高效办成一件事): a life event and the items it fans out to. */
export const serviceBundles = pgTable('service_bundles', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  lifeEvent: text('life_event').notNull(),
  itemCodes: text('item_codes').array().notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One application for a bundle, followed as one; its items' applications carry its number. */
export const bundleApplications = pgTable('service_bundle_applications', {
  number: text('number').primaryKey(),
  bundleCode: text('bundle_code').notNull(),
  orgPath: text('org_path').notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface CorrectionRecord {
  missing: string[];
  note: string | null;
  at: string;
}

/** An application (办件). The applicant's ID number and phone are encrypted, with look-up hashes. */
export const serviceApplications = pgTable('service_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  itemCode: text('item_code').notNull(),
  itemVersion: integer('item_version').notNull(),
  bundleNumber: text('bundle_number'),
  status: text('status').notNull().$type<ApplicationStatus>(),
  channel: text('channel').notNull().$type<ServiceChannel>(),
  /** The centre that takes it in and answers for it (its scope). */
  unitCode: text('unit_code').notNull(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  /** The deciding department's org path: its staff see the application too. */
  departmentPath: text('department_path'),
  applicantUserId: text('applicant_user_id'),
  residentId: uuid('resident_id'),
  applicantName: text('applicant_name').notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  idNumberHash: text('id_number_hash').notNull(),
  phoneEnc: text('phone_enc').notNull(),
  phoneHash: text('phone_hash').notNull(),
  form: jsonb('form').notNull().$type<Record<string, string | number>>(),
  /** Material keys deferred (容缺) and not yet supplied, and those replaced by a commitment (告知承诺). */
  deferred: text('deferred').array().notNull().default([]),
  committed: text('committed').array().notNull().default([]),
  correction: jsonb('correction').$type<CorrectionRecord>(),
  reason: text('reason'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  dueAt: timestamp('due_at', { withTimezone: true }),
  warnedAt: timestamp('warned_at', { withTimezone: true }),
  overdueAt: timestamp('overdue_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Files of an application's materials, checked by content (platform storage). */
export const applicationMaterials = pgTable('service_application_materials', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id'),
  materialKey: text('material_key'),
  storageKey: text('storage_key').notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  uploadedBy: text('uploaded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The application's timeline: each status change, by whom. */
export const applicationEvents = pgTable('service_application_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  action: text('action').notNull(),
  status: text('status').notNull().$type<ApplicationStatus>(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  note: text('note'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/** Daily counters of application numbers per prefix. */
export const applicationCounters = pgTable(
  'service_application_counters',
  { prefix: text('prefix').notNull(), day: text('day').notNull(), seq: integer('seq').notNull() },
  (t) => [primaryKey({ columns: [t.prefix, t.day] })],
);

// ---- services2's tables ----
export * from './schema/appointments.ts';
export * from './schema/ratings.ts';
export * from './schema/admission.ts';
