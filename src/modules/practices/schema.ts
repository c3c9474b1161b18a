// The practice library's table.
import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { GongzhiFeature, PracticeSource, PracticeTheme } from './contract.ts';

export const practices = pgTable('practices', {
  id: text('id').primaryKey(),
  source: text('source').notNull().$type<PracticeSource>(),
  year: integer('year').notNull(),
  seq: integer('seq').notNull().default(0),
  title: text('title').notNull(),
  titleEn: text('title_en').notNull(),
  placeName: text('place_name').notNull(),
  divisionCode: text('division_code'),
  provinceCode: text('province_code'),
  orgPath: text('org_path').notNull(),
  submitter: text('submitter'),
  themes: text('themes').array().notNull().$type<PracticeTheme[]>(),
  summary: text('summary').notNull(),
  summaryEn: text('summary_en').notNull(),
  features: text('features').array().notNull().$type<GongzhiFeature[]>(),
  isShipped: boolean('is_shipped').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
