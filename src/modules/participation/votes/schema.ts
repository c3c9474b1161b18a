// Votes: the vote, its electorate snapshot, turnout (one row per unit), ballots and paper entries.
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { BallotChoice, PaperBallotStatus, VoteChannel, VoteScopeKind, VoteStatus, VoteSubjectKind, StoredVoteResult } from './contract.ts';
import type { ElectorateBasis, OwnersMatter, VoteRule } from './quorum.ts';

export const participationVotes = pgTable('participation_votes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  rule: text('rule').notNull().$type<VoteRule>(),
  basis: text('basis').notNull().$type<ElectorateBasis>(),
  matter: text('matter').notNull().$type<OwnersMatter>().default('ordinary'),
  scopeKind: text('scope_kind').notNull().$type<VoteScopeKind>(),
  scopeRef: text('scope_ref').notNull(),
  scopeName: text('scope_name').notNull(),
  secret: boolean('secret').notNull(),
  status: text('status').notNull().$type<VoteStatus>().default('draft'),
  subjectKind: text('subject_kind').$type<VoteSubjectKind>(),
  subjectId: uuid('subject_id'),
  electorateCount: integer('electorate_count').notNull().default(0),
  electorateArea: bigint('electorate_area', { mode: 'number' }).notNull().default(0),
  result: jsonb('result').$type<StoredVoteResult>(),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdBy: text('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationVoteUnits = pgTable('participation_vote_units', {
  id: uuid('id').primaryKey().defaultRandom(),
  voteId: uuid('vote_id').notNull(),
  unitKind: text('unit_kind').notNull().$type<'person' | 'household' | 'house'>(),
  unitRef: uuid('unit_ref').notNull(),
  orgPath: text('org_path').notNull(),
  label: text('label').notNull(),
  area: bigint('area', { mode: 'number' }).notNull().default(0),
  voterIds: text('voter_ids').array().notNull().default([]),
  representativeName: text('representative_name'),
});

export const participationVoteTurnout = pgTable(
  'participation_vote_turnout',
  {
    voteId: uuid('vote_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    channel: text('channel').notNull().$type<VoteChannel>(),
    proxyConsentId: uuid('proxy_consent_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.unitId] })],
);

export const participationBallots = pgTable('participation_ballots', {
  id: uuid('id').primaryKey().defaultRandom(),
  voteId: uuid('vote_id').notNull(),
  unitId: uuid('unit_id'),
  choice: text('choice').notNull().$type<BallotChoice>(),
  area: bigint('area', { mode: 'number' }).notNull().default(0),
  castAt: timestamp('cast_at', { withTimezone: true }),
});

export const participationPaperBallots = pgTable('participation_paper_ballots', {
  id: uuid('id').primaryKey().defaultRandom(),
  voteId: uuid('vote_id').notNull(),
  unitId: uuid('unit_id').notNull(),
  choice: text('choice').$type<BallotChoice>(),
  status: text('status').notNull().$type<PaperBallotStatus>().default('pending'),
  enteredBy: uuid('entered_by').notNull(),
  enteredByName: text('entered_by_name').notNull(),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  confirmedBy: uuid('confirmed_by'),
  confirmedByName: text('confirmed_by_name'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
});
