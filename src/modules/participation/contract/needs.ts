// Needs (问需): what residents ask for, recorded on /portal, on /m during a visit, or by staff.
import { z } from 'zod';
import { matterKinds, sourceChannels } from './common.ts';

/** The six classes of 问需 (Chaoyang: 出行、停车、养老、扰民、环境、管理). */
export const needClasses = ['travel', 'parking', 'elderly_care', 'disturbance', 'environment', 'management'] as const;
export type NeedClass = (typeof needClasses)[number];

/** open → sorted (三事分流) → proposed (turned into a proposal) or closed; merged into a survivor; wished (published as a micro-wish). */
export const needStatuses = ['open', 'sorted', 'merged', 'proposed', 'wished', 'closed'] as const;
export type NeedStatus = (typeof needStatuses)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const createNeedBody = z
  .object({
    needClass: z.enum(needClasses),
    title: text(80),
    description: z.string().trim().max(2000).default(''),
    /** Staff and workers: the community or grid (its code) the need comes from; a resident's is their own. */
    orgCode: z.string().min(1).max(40).optional(),
    /** A worker recording during a visit (registry visit id). */
    visitId: z.uuid().optional(),
    /** The registry resident who raised it (staff, worker); a verified resident is themself. */
    residentId: z.uuid().optional(),
    /** Where staff or a worker took it down: /m or the console (a resident's is /portal). */
    channel: z.enum(['mobile', 'console']).optional(),
  })
  .strict();
export type CreateNeedBody = z.infer<typeof createNeedBody>;

export const sortNeedBody = z.object({ matterKind: z.enum(matterKinds), version: z.number().int() }).strict();
export const mergeNeedBody = z.object({ survivorId: z.uuid(), version: z.number().int() }).strict();
export const closeNeedBody = z.object({ version: z.number().int() }).strict();

export const needView = z.object({
  id: z.uuid(),
  communityCode: z.string(),
  communityName: z.string(),
  orgPath: z.string(),
  needClass: z.enum(needClasses),
  matterKind: z.enum(matterKinds).nullable(),
  title: z.string(),
  description: z.string(),
  channel: z.enum(sourceChannels),
  /** Masked (王**); staff see who raised it only this way. */
  residentName: z.string().nullable(),
  visitId: z.uuid().nullable(),
  recordedByName: z.string(),
  status: z.enum(needStatuses),
  mergedInto: z.uuid().nullable(),
  proposalId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type NeedView = z.infer<typeof needView>;

export const needListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  under: z.string().min(1).max(40).optional(),
  needClass: z.enum(needClasses).optional(),
  matterKind: z.enum(matterKinds).optional(),
  status: z.enum(needStatuses).optional(),
  q: z.string().trim().min(1).max(50).optional(),
});
export type NeedListQuery = z.infer<typeof needListQuery>;

export const needPage = z.object({ items: z.array(needView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type NeedPage = z.infer<typeof needPage>;

/** Counts per community and class (merged needs count once, in their survivor). */
export const needCounts = z.object({
  rows: z.array(z.object({ communityCode: z.string(), communityName: z.string(), needClass: z.enum(needClasses), count: z.number().int() })),
});
export type NeedCounts = z.infer<typeof needCounts>;
