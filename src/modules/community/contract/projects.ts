// Projects (政府购买服务 / 公益创投): need → call → applications → expert review → award and
// contract → execution → final evaluation → tranches paid against accepted milestones.
// Money is in fen (integers) everywhere; the web formats it as yuan.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';
import { isoDate } from './common.ts';

export const projectKinds = ['purchase', 'venture'] as const;
export type ProjectKind = (typeof projectKinds)[number];
/** Where the need came from: staff, or the participation module (a wish, a proposal). */
export const needSources = ['staff', 'participation'] as const;
export const callStatuses = ['open', 'reviewing', 'awarded'] as const;
export type CallStatus = (typeof callStatuses)[number];
export const applicationStatuses = ['submitted', 'awarded', 'not_awarded', 'completed'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const milestoneStatuses = ['planned', 'submitted', 'accepted', 'rejected'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

/** An amount in fen: whole, positive, at most 1 亿 yuan. */
export const fenAmount = z.number().int().positive().max(10_000_000_000);
const day = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);
const key = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, '代号为小写字母、数字和下划线');

export const reviewCriterion = z.object({ key, name: text(40), maxScore: z.number().int().min(1).max(100) });
export type Criterion = z.infer<typeof reviewCriterion>;

export const createCallBody = z.object({
  /** The org unit running the call (a district, street or community). */
  orgCode: z.string().min(1).max(40),
  kind: z.enum(projectKinds),
  title: text(100),
  need: text(2000),
  needSource: z.enum(needSources).default('staff'),
  budgetFen: fenAmount,
  criteria: z
    .array(reviewCriterion)
    .min(1)
    .max(12)
    .refine((list) => new Set(list.map((c) => c.key)).size === list.length, '评审标准代号不能重复'),
  closesOn: day,
  /** Usernames of the expert panel. */
  panel: z.array(z.string().min(1).max(64)).min(1).max(15),
});
export type CreateCallBody = z.infer<typeof createCallBody>;

export const panelMember = z.object({ userId: z.string(), name: z.string() });
export const callView = z.object({
  id: z.string(),
  orgCode: z.string(),
  orgName: z.string(),
  kind: z.enum(projectKinds),
  title: z.string(),
  need: z.string(),
  needSource: z.enum(needSources),
  budgetFen: z.number().int(),
  awardedFen: z.number().int(),
  criteria: z.array(reviewCriterion),
  closesOn: z.string(),
  status: z.enum(callStatuses),
  panel: z.array(panelMember),
  applications: z.number().int(),
  createdAt: z.date(),
});
export type CallView = z.infer<typeof callView>;
export const callPage = pageOf(callView);
export const callListQuery = z.object({ ...pageQuery, status: z.enum(callStatuses).optional() });
export type CallListQuery = z.infer<typeof callListQuery>;

export const budgetLine = z.object({ item: text(100), amountFen: fenAmount });
export const plannedMilestone = z.object({ title: text(100), dueOn: day });
export const projectIndicator = z.object({ key, name: text(60), target: z.number().int().min(1).max(10_000_000), unit: text(10) });
export type Indicator = z.infer<typeof projectIndicator>;

export const applicationBody = z.object({
  organisationId: z.uuid(),
  title: text(100),
  plan: text(5000),
  budgetLines: z.array(budgetLine).min(1).max(50),
  milestones: z.array(plannedMilestone).min(1).max(20),
  indicators: z
    .array(projectIndicator)
    .min(1)
    .max(20)
    .refine((list) => new Set(list.map((c) => c.key)).size === list.length, '指标代号不能重复'),
});
export type ApplicationBody = z.infer<typeof applicationBody>;

export const reviewBody = z.object({
  /** A member with a conflict of interest declares it and does not score this application. */
  conflict: z.boolean(),
  conflictNote: z.string().trim().max(500).optional(),
  scores: z.record(z.string(), z.number().int().min(0).max(100)).default({}),
});
export type ReviewBody = z.infer<typeof reviewBody>;

export const awardBody = z.object({
  amountFen: fenAmount,
  /** One tranche per milestone at most, each paid once its milestone is accepted. */
  tranches: z.array(z.object({ milestoneSeq: z.number().int().min(1), amountFen: fenAmount })).min(1).max(20),
  contractNumber: text(60),
});
export type AwardBody = z.infer<typeof awardBody>;

export const submitMilestoneBody = z.object({ report: text(2000) });
export const decideMilestoneBody = z.object({ accept: z.boolean(), note: z.string().trim().max(1000).default('') });
export const payTrancheBody = z.object({ voucherNumber: text(60) });
export const projectServiceRecordBody = z.object({ indicatorKey: key, quantity: z.number().int().min(1).max(1_000_000), servedOn: day, note: text(500) });
export type ProjectServiceRecordBody = z.infer<typeof projectServiceRecordBody>;
export const siteVisitBody = z.object({ visitedOn: day, findings: text(2000), rating: z.number().int().min(1).max(5) });
export const evaluationBody = z.object({
  evaluator: text(100),
  thirdPartyScore: z.number().int().min(0).max(100),
  surveyed: z.number().int().min(1).max(100_000),
  satisfied: z.number().int().min(0).max(100_000),
  conclusion: text(2000),
}).refine((b) => b.satisfied <= b.surveyed, { message: '满意人数不能多于调查人数', path: ['satisfied'] });
export type EvaluationBody = z.infer<typeof evaluationBody>;


export const scoreLine = z.object({ criterionKey: z.string(), average: z.number(), counted: z.number().int(), dropped: z.number().int() });
export const applicationSummary = z.object({
  id: z.string(),
  callId: z.string(),
  callTitle: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  title: z.string(),
  requestedFen: z.number().int(),
  awardedFen: z.number().int().nullable(),
  status: z.enum(applicationStatuses),
  /** The panel's score (extremes dropped when five or more scored); null until someone scored. */
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  reviews: z.number().int(),
  conflicts: z.number().int(),
  submittedAt: z.date(),
});
export type ApplicationSummary = z.infer<typeof applicationSummary>;
export const applicationPage = pageOf(applicationSummary);
export const applicationListQuery = z.object({ ...pageQuery, callId: z.uuid().optional(), status: z.enum(applicationStatuses).optional() });
export type ApplicationListQuery = z.infer<typeof applicationListQuery>;

/** A file (photo, PDF) of a milestone's deliverables. */
export const deliverableView = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number().int(), uploadedBy: z.string(), createdAt: z.date() });
export type DeliverableView = z.infer<typeof deliverableView>;
export const milestoneView = z.object({
  id: z.string(),
  seq: z.number().int(),
  title: z.string(),
  dueOn: z.string(),
  status: z.enum(milestoneStatuses),
  report: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  deliverables: z.array(deliverableView),
});
export const trancheView = z.object({
  id: z.string(),
  seq: z.number().int(),
  milestoneSeq: z.number().int(),
  amountFen: z.number().int(),
  paidAt: z.date().nullable(),
  paidBy: z.string().nullable(),
  voucherNumber: z.string().nullable(),
  /** Whether it may be paid now: its milestone accepted and it not yet paid. */
  payable: z.boolean(),
});
export const indicatorProgress = projectIndicator.extend({ achieved: z.number().int() });
export const projectTimelineEvent = z.object({ at: z.date(), actor: z.string(), kind: z.string(), summary: z.string() });
export const myReview = z.object({ conflict: z.boolean(), conflictNote: z.string().nullable(), scores: z.record(z.string(), z.number()) }).nullable();

export const applicationDetail = applicationSummary.extend({
  plan: z.string(),
  budgetLines: z.array(budgetLine),
  criteria: z.array(reviewCriterion),
  scoreLines: z.array(scoreLine),
  myReview,
  contractNumber: z.string().nullable(),
  milestones: z.array(milestoneView),
  tranches: z.array(trancheView),
  indicators: z.array(indicatorProgress),
  serviceRecords: z.array(z.object({ indicatorKey: z.string(), quantity: z.number().int(), servedOn: z.string(), note: z.string(), recordedBy: z.string() })),
  siteVisits: z.array(z.object({ visitedOn: z.string(), findings: z.string(), rating: z.number().int(), visitor: z.string() })),
  evaluation: z
    .object({ evaluator: z.string(), thirdPartyScore: z.number().int(), surveyed: z.number().int(), satisfied: z.number().int(), conclusion: z.string(), evaluatedAt: z.date() })
    .nullable(),
  timeline: z.array(projectTimelineEvent),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;
