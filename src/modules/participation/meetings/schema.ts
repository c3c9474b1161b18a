// Consultation meetings, their participants with sign-in, proxies' consents, resolutions; councils.
import { date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  ConsentHow, ConsentScope, CouncilKind, CouncilRole, MeetingClass, MeetingForm, MeetingLevel, MeetingStatus, ParticipantKind, ProxyKind, ResolutionStatus, Speaker, TopicSource,
} from './contract.ts';

export const participationCouncils = pgTable('participation_councils', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  kind: text('kind').notNull().$type<CouncilKind>(),
  name: text('name').notNull(),
  termStart: date('term_start', { mode: 'string' }).notNull(),
  termEnd: date('term_end', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationCouncilMembers = pgTable('participation_council_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull().$type<CouncilRole>(),
  residentId: uuid('resident_id'),
  termStart: date('term_start', { mode: 'string' }).notNull(),
  termEnd: date('term_end', { mode: 'string' }).notNull(),
});

export const participationMeetings = pgTable('participation_meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  title: text('title').notNull(),
  topicSource: text('topic_source').notNull().$type<TopicSource>(),
  topicRef: text('topic_ref'),
  class: text('class').notNull().$type<MeetingClass>(),
  level: text('level').notNull().$type<MeetingLevel>(),
  form: text('form').notNull().$type<MeetingForm>(),
  councilId: uuid('council_id'),
  agenda: jsonb('agenda').notNull().$type<string[]>().default([]),
  place: text('place').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  status: text('status').notNull().$type<MeetingStatus>().default('planned'),
  minutes: text('minutes'),
  speakers: jsonb('speakers').notNull().$type<Speaker[]>().default([]),
  notifiedAt: timestamp('notified_at', { withTimezone: true }),
  heldAt: timestamp('held_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdBy: text('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationProxyConsents = pgTable('participation_proxy_consents', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  principalResidentId: uuid('principal_resident_id').notNull(),
  principalName: text('principal_name').notNull(),
  proxyName: text('proxy_name').notNull(),
  proxyKind: text('proxy_kind').notNull().$type<ProxyKind>(),
  proxyRelation: text('proxy_relation').notNull(),
  scope: text('scope').notNull().$type<ConsentScope>(),
  meetingId: uuid('meeting_id'),
  givenOn: date('given_on', { mode: 'string' }).notNull(),
  validUntil: date('valid_until', { mode: 'string' }),
  givenHow: text('given_how').notNull().$type<ConsentHow>(),
  recordedBy: text('recorded_by'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationMeetingParticipants = pgTable('participation_meeting_participants', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull(),
  kind: text('kind').notNull().$type<ParticipantKind>(),
  residentId: uuid('resident_id'),
  name: text('name').notNull(),
  label: text('label').notNull().default(''),
  notifiedAt: timestamp('notified_at', { withTimezone: true }),
  signedInAt: timestamp('signed_in_at', { withTimezone: true }),
  signedInBy: text('signed_in_by'),
  proxyConsentId: uuid('proxy_consent_id'),
});

export const participationResolutions = pgTable('participation_resolutions', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull(),
  seq: integer('seq').notNull(),
  text: text('text').notNull(),
  responsible: text('responsible').notNull(),
  dueOn: date('due_on', { mode: 'string' }),
  status: text('status').notNull().$type<ResolutionStatus>().default('open'),
  doneOn: date('done_on', { mode: 'string' }),
  doneNote: text('done_note'),
});
