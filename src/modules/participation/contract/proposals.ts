// Community proposals (社区提案, Jinniu: 收集、分拣、审议、公开、落实、评估).
import { z } from 'zod';
import { matterKinds } from './common.ts';

export const proposalStatuses = ['submitted', 'sorted', 'merged', 'in_review', 'accepted', 'partly_accepted', 'not_accepted', 'implementing', 'completed', 'closed'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
export const proposalActions = ['sort', 'merge', 'open_review', 'accept', 'accept_in_part', 'decline', 'start', 'complete', 'close', 'support', 'evaluate'] as const;
export type ProposalAction = (typeof proposalActions)[number];
export const proposerKinds = ['resident', 'council', 'unit'] as const;
export type ProposerKind = (typeof proposerKinds)[number];
export const proposalAnswers = ['accepted', 'partly_accepted', 'not_accepted'] as const;
export type ProposalAnswer = (typeof proposalAnswers)[number];

/** The Chaoyang bar: at least 95 % of the residents who evaluate are satisfied. */
export const satisfactionBar = 0.95;

const text = (max: number) => z.string().trim().min(1).max(max);
const version = z.number().int();

export const submitProposalBody = z
  .object({
    title: text(80),
    body: text(4000),
    /** Staff entering a council's or unit's proposal; a resident on /portal proposes as themself. */
    proposerKind: z.enum(proposerKinds).optional(),
    proposerName: z.string().trim().min(1).max(80).optional(),
    orgCode: z.string().min(1).max(40).optional(),
    /** The need it comes from (staff: turn a need into a proposal). */
    needId: z.uuid().optional(),
  })
  .strict();
export type SubmitProposalBody = z.infer<typeof submitProposalBody>;

export const sortProposalBody = z.object({ matterKind: z.enum(matterKinds), version }).strict();
export const mergeProposalBody = z.object({ survivorId: z.uuid(), version }).strict();
export const openReviewBody = z
  .object({ criteria: text(1000), panelUserIds: z.array(z.uuid()).min(1).max(15), version })
  .strict();
export const scoreProposalBody = z
  .object({ feasibility: z.number().int().min(1).max(10), benefit: z.number().int().min(1).max(10), cost: z.number().int().min(1).max(10), comment: z.string().trim().max(500).default('') })
  .strict();
export const answerProposalBody = z
  .object({ answer: z.enum(proposalAnswers), reason: z.string().trim().max(2000).optional(), version })
  .strict();
export type AnswerProposalBody = z.infer<typeof answerProposalBody>;
export const startProposalBody = z
  .object({ responsibleUnit: text(80), milestones: z.array(z.object({ title: text(80), dueOn: z.iso.date() })).min(1).max(20), version })
  .strict();
export const proposalVersionBody = z.object({ version }).strict();
export const milestoneParams = z.object({ id: z.uuid(), seq: z.coerce.number().int().min(1).max(20) });
export const evaluateProposalBody = z.object({ satisfied: z.boolean(), comment: z.string().trim().max(500).default('') }).strict();

export const reviewScoreView = z.object({ reviewerName: z.string(), feasibility: z.number().int(), benefit: z.number().int(), cost: z.number().int(), comment: z.string(), scoredAt: z.string() });
export const milestoneView = z.object({ seq: z.number().int(), title: z.string(), dueOn: z.string(), doneAt: z.string().nullable() });

export const proposalListItem = z.object({
  id: z.uuid(),
  communityCode: z.string(),
  communityName: z.string(),
  title: z.string(),
  proposerKind: z.enum(proposerKinds),
  /** A council's or unit's name; a resident shows as 居民. */
  proposerName: z.string(),
  matterKind: z.enum(matterKinds).nullable(),
  status: z.enum(proposalStatuses),
  supportCount: z.number().int(),
  reviewMean: z.number().nullable(),
  progress: z.number().int(),
  createdAt: z.string(),
});
export type ProposalListItem = z.infer<typeof proposalListItem>;

export const proposalView = proposalListItem.extend({
  body: z.string(),
  needId: z.uuid().nullable(),
  mergedInto: z.uuid().nullable(),
  reviewCriteria: z.string().nullable(),
  panel: z.array(z.object({ userId: z.uuid(), name: z.string(), scored: z.boolean() })),
  scores: z.array(reviewScoreView),
  answer: z.enum(proposalAnswers).nullable(),
  answerReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  responsibleUnit: z.string().nullable(),
  milestones: z.array(milestoneView),
  evaluation: z.object({ count: z.number().int(), satisfied: z.number().int(), share: z.number().nullable(), meetsBar: z.boolean().nullable() }),
  /** For the signed-in resident: whether they supported / evaluated it; for a panel member: may score. */
  mySupport: z.boolean(),
  myEvaluation: z.boolean(),
  mayScore: z.boolean(),
  allowedActions: z.array(z.enum(proposalActions)),
  version: z.number().int(),
});
export type ProposalView = z.infer<typeof proposalView>;

export const proposalListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  under: z.string().min(1).max(40).optional(),
  status: z.enum(proposalStatuses).optional(),
  q: z.string().trim().min(1).max(50).optional(),
});
export type ProposalListQuery = z.infer<typeof proposalListQuery>;
export const proposalPage = z.object({ items: z.array(proposalListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type ProposalPage = z.infer<typeof proposalPage>;
