// Conventions (居民公约/村规民约) and their versions.
import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ConventionKind, ConventionStatus } from './contract.ts';

export const participationConventions = pgTable('participation_conventions', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  kind: text('kind').notNull().$type<ConventionKind>(),
  title: text('title').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationConventionVersions = pgTable('participation_convention_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  conventionId: uuid('convention_id').notNull(),
  number: integer('number').notNull(),
  text: text('text').notNull(),
  status: text('status').notNull().$type<ConventionStatus>().default('draft'),
  voteId: uuid('vote_id'),
  consultedNote: text('consulted_note'),
  inForceFrom: date('in_force_from', { mode: 'string' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
