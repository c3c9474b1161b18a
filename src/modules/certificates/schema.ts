// The certificates' table.
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { CertificateFact } from './contract.ts';

export const certificates = pgTable('certificates', {
  code: text('code').primaryKey(),
  number: text('number').notNull().unique(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  /** The holder as printed publicly: a masked name, never an identifier. */
  holder: text('holder').notNull(),
  facts: jsonb('facts').notNull().$type<CertificateFact[]>(),
  orgPath: text('org_path').notNull(),
  issuerName: text('issuer_name').notNull(),
  issuedBy: text('issued_by'),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedReason: text('revoked_reason'),
});
