// 好差评: the national five-level rating of public services, its dimensions, and the
// rectification (整改) of a bad rating with its callback (回访) and appeal (申诉复核).
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';

/** 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
export const ratingLevels = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof ratingLevels)[number];
/** Levels that open a rectification record (不满意 and 非常不满意). */
export const badRatingLevels = [2, 1] as const;

export const ratingChannels = ['online', 'counter'] as const;
export type RatingChannel = (typeof ratingChannels)[number];

// 政务服务“好差评”制度 (国办发〔2019〕51号): the dimensions rated online and at the counter.
export const ratingDimensions = {
  online: ['efficiency', 'guide_accuracy', 'convenience', 'operability'],
  counter: ['service_efficiency', 'service_level', 'service_attitude'],
} as const satisfies Record<RatingChannel, readonly string[]>;
export type RatingDimension = (typeof ratingDimensions)[RatingChannel][number];

export const ratingSubjects = ['application', 'case'] as const;
export type RatingSubject = (typeof ratingSubjects)[number];

/** Working days within which a bad rating must be rectified. */
export const rectificationWorkingDays = 15;

export const rectificationStatuses = ['awaiting_callback', 'rectifying', 'rectified', 'appealed', 'voided'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];
export const rectificationActions = ['callback', 'rectify', 'appeal', 'uphold_appeal', 'reject_appeal'] as const;
export type RectificationAction = (typeof rectificationActions)[number];
export const appealReasons = ['mistaken', 'malicious'] as const;

const level = z.union([z.literal(5), z.literal(4), z.literal(3), z.literal(2), z.literal(1)]);
const mobile = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号 / an 11-digit mobile number');

const ratingFields = {
  channel: z.enum(ratingChannels),
  level,
  /** Each dimension of the channel, rated on the same five levels (all of them). */
  dimensions: z.record(z.string(), level),
  comment: z.string().trim().max(500).default(''),
};

/** The applicant rates a delivered application by its number and phone, without an account. */
export const rateApplicationBody = z.object({ phone: mobile, ...ratingFields }).strict();
export type RateApplicationBody = z.infer<typeof rateApplicationBody>;
export const ratedApplicationParams = z.object({ number: z.string().trim().min(4).max(40) });

/** The reporter rates their own closed case, signed in. */
export const rateCaseBody = z.object(ratingFields).strict();
export type RateCaseBody = z.infer<typeof rateCaseBody>;
export const caseIdParams = z.object({ id: z.uuid() });

export const ratingView = z.object({
  id: z.string(),
  subjectKind: z.enum(ratingSubjects),
  subjectNumber: z.string(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  centreCode: z.string(),
  centreName: z.string(),
  channel: z.enum(ratingChannels),
  level: z.number().int(),
  dimensions: z.record(z.string(), z.number().int()),
  comment: z.string(),
  voided: z.boolean(),
  createdAt: z.date(),
  rectificationId: z.string().nullable(),
});
export type RatingView = z.infer<typeof ratingView>;

export const rectificationView = z.object({
  id: z.string(),
  status: z.enum(rectificationStatuses),
  deadline: z.date(),
  isOverdue: z.boolean(),
  callbackAt: z.date().nullable(),
  callbackBy: z.string().nullable(),
  callbackNote: z.string().nullable(),
  rectifiedAt: z.date().nullable(),
  rectifiedBy: z.string().nullable(),
  rectificationNote: z.string().nullable(),
  appealReason: z.enum(appealReasons).nullable(),
  appealNote: z.string().nullable(),
  appealDecision: z.enum(['upheld', 'rejected']).nullable(),
  appealDecisionNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  rating: ratingView,
  /** The actions the asker may take now. */
  allowedActions: z.array(z.enum(rectificationActions)),
});
export type RectificationView = z.infer<typeof rectificationView>;

/** What a rating answers: the rating and, for a bad one, its rectification deadline. */
export const ratingReceipt = z.object({ rating: ratingView, rectificationDeadline: z.date().nullable() });
export type RatingReceipt = z.infer<typeof ratingReceipt>;

export const rectificationActionBody = z
  .object({
    action: z.enum(rectificationActions),
    version: z.number().int().min(1),
    note: z.string().trim().min(2, '请填写说明 / a note is required').max(1000),
    /** For `appeal`: why the rating is thought mistaken or malicious. */
    appealReason: z.enum(appealReasons).optional(),
  })
  .strict()
  .refine((b) => b.action !== 'appeal' || b.appealReason !== undefined, { path: ['appealReason'], message: '申诉须选择理由 / an appeal needs a reason' });
export type RectificationActionBody = z.infer<typeof rectificationActionBody>;
export const rectificationIdParams = z.object({ id: z.uuid() });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / a day as YYYY-MM-DD');

const ratingFilters = {
  under: z.string().trim().min(1).max(40).optional(),
  centre: z.string().trim().min(1).max(40).optional(),
  item: z.string().trim().min(1).max(40).optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  bad: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
};
const periodInOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const periodError = { path: ['to'], message: '结束日期不能早于开始日期 / the last day is before the first' };

/** The ratings export's filters: area, centre, item, level, and a period of Beijing days (first and last, inclusive). */
export const ratingFilterQuery = z.object(ratingFilters).refine(periodInOrder, periodError);
export type RatingFilterQuery = z.infer<typeof ratingFilterQuery>;
/** The ratings list: the export's filters, paged. */
export const ratingListQuery = z.object({ ...pageQuery, ...ratingFilters }).refine(periodInOrder, periodError);
export type RatingListQuery = z.infer<typeof ratingListQuery>;
export const ratingPage = pageOf(ratingView);

export const rectificationListQuery = z.object({
  ...pageQuery,
  under: z.string().trim().min(1).max(40).optional(),
  status: z.enum(rectificationStatuses).optional(),
  /** The rated application's (or case's) number. */
  number: z.string().trim().min(4).max(40).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type RectificationListQuery = z.infer<typeof rectificationListQuery>;
export const rectificationPage = pageOf(rectificationView);

/** Public statistics of one centre or item: counts per level and the satisfaction rate (levels 3–5 of all valid ratings). */
export const ratingStatsRow = z.object({
  code: z.string(),
  name: z.string(),
  total: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
  bad: z.number().int(),
  satisfaction: z.number().nullable(),
  /** Bad ratings called back and their share (the rule asks for 100 %). */
  calledBack: z.number().int(),
  rectified: z.number().int(),
});
export type RatingStatsRow = z.infer<typeof ratingStatsRow>;
export const ratingStatsQuery = z.object({
  by: z.enum(['centre', 'item']).default('centre'),
  under: z.string().trim().min(1).max(40).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type RatingStatsQuery = z.infer<typeof ratingStatsQuery>;
export const ratingStats = z.object({ rows: z.array(ratingStatsRow), total: ratingStatsRow.omit({ code: true, name: true }) });
export type RatingStats = z.infer<typeof ratingStats>;
