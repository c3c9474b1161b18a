// Proposals with their supports, review panel and scores, milestones and evaluations.
import { type AnyPgColumn, boolean, date, integer, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MatterKind, ProposalAnswer, ProposalStatus, ProposerKind } from '../contract.ts';

export const participationProposals = pgTable('participation_proposals', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  proposerKind: text('proposer_kind').notNull().$type<ProposerKind>(),
  proposerResidentId: uuid('proposer_resident_id'),
  proposerName: text('proposer_name').notNull(),
  submittedBy: uuid('submitted_by'),
  needId: uuid('need_id'),
  matterKind: text('matter_kind').$type<MatterKind>(),
  status: text('status').notNull().default('submitted').$type<ProposalStatus>(),
  mergedInto: uuid('merged_into').references((): AnyPgColumn => participationProposals.id),
  supportCount: integer('support_count').notNull().default(0),
  reviewCriteria: text('review_criteria'),
  reviewMean: numeric('review_mean', { precision: 5, scale: 2 }),
  answer: text('answer').$type<ProposalAnswer>(),
  answerReason: text('answer_reason'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  responsibleUnit: text('responsible_unit'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationProposalSupports = pgTable(
  'participation_proposal_supports',
  {
    proposalId: uuid('proposal_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.residentId] })],
);

export const participationReviewPanel = pgTable(
  'participation_review_panel',
  { proposalId: uuid('proposal_id').notNull(), userId: uuid('user_id').notNull(), memberName: text('member_name').notNull() },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const participationReviewScores = pgTable(
  'participation_review_scores',
  {
    proposalId: uuid('proposal_id').notNull(),
    userId: uuid('user_id').notNull(),
    feasibility: smallint('feasibility').notNull(),
    benefit: smallint('benefit').notNull(),
    cost: smallint('cost').notNull(),
    comment: text('comment').notNull().default(''),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const participationMilestones = pgTable('participation_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  proposalId: uuid('proposal_id').notNull(),
  seq: integer('seq').notNull(),
  title: text('title').notNull(),
  dueOn: date('due_on').notNull(),
  doneAt: timestamp('done_at', { withTimezone: true }),
});

export const participationEvaluations = pgTable(
  'participation_evaluations',
  {
    proposalId: uuid('proposal_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    satisfied: boolean('satisfied').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.residentId] })],
);
