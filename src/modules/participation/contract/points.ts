// Participation points (积分激励) and the participation index (Xindu: 积分激励、指数监测).
import { z } from 'zod';
import { pointsActions } from './common.ts';

export const pointsRuleView = z.object({ orgCode: z.string(), orgName: z.string(), action: z.enum(pointsActions), points: z.number().int(), inherited: z.boolean() });
export type PointsRuleView = z.infer<typeof pointsRuleView>;
export const pointsRulesQuery = z.object({ orgCode: z.string().min(1).max(40) });
export const pointsRules = z.object({ orgCode: z.string(), rules: z.array(pointsRuleView) });
export type PointsRules = z.infer<typeof pointsRules>;
export const setPointsRulesBody = z
  .object({ orgCode: z.string().min(1).max(40), rules: z.array(z.object({ action: z.enum(pointsActions), points: z.number().int().min(0).max(1000) })).min(1).max(20) })
  .strict();
export type SetPointsRulesBody = z.infer<typeof setPointsRulesBody>;

export const pointsEntryView = z.object({ action: z.enum(pointsActions), points: z.number().int(), note: z.string(), createdAt: z.string() });
export const myPoints = z.object({ verified: z.boolean(), balance: z.number().int(), entries: z.array(pointsEntryView) });
export type MyPoints = z.infer<typeof myPoints>;

/** One community's participation in a period (a calendar year). */
export const participationIndexRow = z.object({
  communityCode: z.string(),
  communityName: z.string(),
  residents: z.number().int(),
  adults: z.number().int(),
  participants: z.number().int(),
  /** participants ÷ adult residents, 0–1; null without adults. */
  participationRate: z.number().nullable(),
  needs: z.number().int(),
  proposals: z.number().int(),
  /** proposals per 1,000 residents; null without residents. */
  proposalsPer1000: z.number().nullable(),
  supports: z.number().int(),
  points: z.number().int(),
  /** share of satisfied evaluations; null without any. */
  satisfaction: z.number().nullable(),
});
export type ParticipationIndexRow = z.infer<typeof participationIndexRow>;
export const participationIndexQuery = z.object({ under: z.string().min(1).max(40).optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const participationIndex = z.object({ year: z.number().int(), rows: z.array(participationIndexRow) });
export type ParticipationIndex = z.infer<typeof participationIndex>;

export const verifyResidentBody = z.object({ name: z.string().trim().min(1).max(40), idNumber: z.string().trim().min(15).max(18) }).strict();
export const verification = z.object({ verified: z.boolean(), communityCode: z.string().nullable(), communityName: z.string().nullable(), shownName: z.string().nullable() });
export type Verification = z.infer<typeof verification>;
