// Tables of the social organisations and their staff accounts.
import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { incubationStatuses, inspectionResults, OrganisationKind, organisationStatuses, serviceFields } from '../contract.ts';

export interface InspectionRecord {
  year: number;
  result: (typeof inspectionResults)[number];
  note: string | null;
  recordedBy: string;
}

export const communityOrganisations = pgTable('community_organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull().$type<OrganisationKind>(),
  name: text('name').notNull(),
  creditCode: text('credit_code').unique(),
  registrationAuthority: text('registration_authority'),
  filedOn: date('filed_on', { mode: 'string' }),
  /** The street or community whose register keeps it. */
  orgPath: text('org_path').notNull(),
  fields: jsonb('fields').notNull().$type<(typeof serviceFields)[number][]>(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  address: text('address'),
  staffCount: integer('staff_count').notNull().default(0),
  /** Codes of the communities it serves. */
  servedCommunities: jsonb('served_communities').notNull().$type<string[]>(),
  incubation: text('incubation').notNull().$type<(typeof incubationStatuses)[number]>(),
  inspections: jsonb('inspections').notNull().$type<InspectionRecord[]>(),
  /** 正常, 注销, 撤销: a deregistered or revoked organisation stays on the register. */
  status: text('status').notNull().default('active').$type<(typeof organisationStatuses)[number]>(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Accounts (organisation_staff) acting for an organisation. */
export const communityOrganisationStaff = pgTable(
  'community_organisation_staff',
  {
    organisationId: uuid('organisation_id').notNull(),
    userId: uuid('user_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
);
