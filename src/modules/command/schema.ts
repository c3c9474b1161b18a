// The command module's tables (migrations/0013_command.sql creates them).
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WarningKind, WarningState } from './contract.ts';

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
