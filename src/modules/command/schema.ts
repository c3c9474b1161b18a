// The command module's tables (migrations/0013_command.sql creates them).
import { date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';
import type { WarningKind, WarningState } from './contract.ts';

const count = (name: string) => integer(name).notNull().default(0);

/** The counted columns both rollups keep (fresh builders per table). */
const counts = () => ({
  reported: count('reported'),
  accepted: count('accepted'),
  acceptedOnTime: count('accepted_on_time'),
  registered: count('registered'),
  dispatched: count('dispatched'),
  closed: count('closed'),
  closedOnTime: count('closed_on_time'),
  closedReworked: count('closed_reworked'),
  closedExtended: count('closed_extended'),
  handlingSeconds: doublePrecision('handling_seconds').notNull().default(0),
  overdue: count('overdue'),
  rated: count('rated'),
  satisfied: count('satisfied'),
  basicallySatisfied: count('basically_satisfied'),
  unsatisfied: count('unsatisfied'),
  resolved: count('resolved'),
});

export const dailyCounts = pgTable(
  'command_daily_counts',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    handlingUnit: text('handling_unit').notNull().default(''),
    categoryCode: text('category_code').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath, t.handlingUnit, t.categoryCode] })],
);

/** command_daily_counts summed over lead unit and category, places cut to the community (COMMUNITY_DEPTH segments). */
export const dailyTotals = pgTable(
  'command_daily_totals',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath] })],
);

/** command_daily_counts summed over the lead unit, places cut to the street: an area's categories. */
export const dailyCategories = pgTable(
  'command_daily_categories',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    categoryCode: text('category_code').notNull(),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath, t.categoryCode] })],
);

/** command_daily_counts summed over the category, places cut to the street: the departments' rankings. */
export const dailyUnits = pgTable(
  'command_daily_units',
  {
    day: date('day').notNull(),
    orgPath: text('org_path').notNull(),
    handlingUnit: text('handling_unit').notNull().default(''),
    ...counts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgPath, t.handlingUnit] })],
);

export const rolledDays = pgTable('command_rolled_days', {
  day: date('day').primaryKey(),
  rolledAt: timestamp('rolled_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The rules: the installation's defaults (org_path '') and a district's or street's own. */
export const warningRules = pgTable(
  'command_warning_rules',
  {
    kind: text('kind').notNull().$type<WarningKind>(),
    orgPath: text('org_path').notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    params: jsonb('params').notNull().$type<Record<string, number>>(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.orgPath] })],
);

export const warnings = pgTable('command_warnings', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull().$type<WarningKind>(),
  state: text('state').notNull().default('open').$type<WarningState>(),
  orgPath: text('org_path').notNull(),
  placeCode: text('place_code').notNull(),
  placeName: text('place_name').notNull(),
  categoryCode: text('category_code'),
  title: text('title').notNull(),
  evidence: jsonb('evidence').notNull().$type<Record<string, number | string | null>>().default({}),
  caseIds: uuid('case_ids').array().notNull().default([]),
  findingKey: text('finding_key').notNull().unique(),
  detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  acknowledgedBy: text('acknowledged_by'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: text('closed_by'),
  note: text('note'),
  version: integer('version').notNull().default(1),
});
