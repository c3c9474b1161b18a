// Micro-wishes (微心愿): a need published without personal data, claimed and fulfilled by
// a volunteer, a unit or a social organisation, then thanked by the resident.
import { z } from 'zod';

export const wishStatuses = ['open', 'claimed', 'fulfilled', 'thanked', 'withdrawn'] as const;
export type WishStatus = (typeof wishStatuses)[number];
export const wishActions = ['claim', 'release', 'fulfil', 'thank', 'withdraw'] as const;
export type WishAction = (typeof wishActions)[number];
export const claimantKinds = ['volunteer', 'unit', 'organisation'] as const;
export type ClaimantKind = (typeof claimantKinds)[number];

export const createWishBody = z
  .object({
    /** The need it comes from (its community and resident follow), or a community code for a wish taken down directly. */
    needId: z.uuid().optional(),
    orgCode: z.string().min(1).max(40).optional(),
    residentId: z.uuid().optional(),
    wish: z.string().trim().min(1).max(200),
  })
  .strict()
  .refine((b) => b.needId !== undefined || b.orgCode !== undefined, { message: '需要来源需求或社区 / needId or orgCode', path: ['orgCode'] });
export type CreateWishBody = z.infer<typeof createWishBody>;

export const claimWishBody = z
  .object({
    claimantKind: z.enum(claimantKinds),
    /** A volunteer's or an organisation's id (community module); a unit gives its name. */
    claimantId: z.uuid().optional(),
    unitName: z.string().trim().min(1).max(80).optional(),
    version: z.number().int(),
  })
  .strict()
  .refine((b) => (b.claimantKind === 'unit' ? b.unitName !== undefined : b.claimantId !== undefined), { message: '认领单位需写名称，志愿者或组织需选择 / name the unit or choose the volunteer or organisation', path: ['claimantId'] });
export type ClaimWishBody = z.infer<typeof claimWishBody>;

export const versionBody = z.object({ version: z.number().int() }).strict();
export const fulfilWishQuery = z.object({ note: z.string().trim().max(200).default(''), version: z.coerce.number().int() });
export const thankWishBody = z.object({ thanks: z.string().trim().min(1).max(200), version: z.number().int() }).strict();

export const wishView = z.object({
  id: z.uuid(),
  communityCode: z.string(),
  communityName: z.string(),
  wish: z.string(),
  shownName: z.string(),
  status: z.enum(wishStatuses),
  claimantKind: z.enum(claimantKinds).nullable(),
  /** A unit's or organisation's name; a volunteer shows as masked. */
  claimantName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  fulfilmentNote: z.string().nullable(),
  hasPhoto: z.boolean(),
  fulfilledAt: z.string().nullable(),
  thanks: z.string().nullable(),
  /** Whether the signed-in resident is the one who made the wish (may thank). */
  isMine: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type WishView = z.infer<typeof wishView>;

export const wishListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  under: z.string().min(1).max(40).optional(),
  status: z.enum(wishStatuses).optional(),
});
export type WishListQuery = z.infer<typeof wishListQuery>;
export const wishPage = z.object({ items: z.array(wishView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type WishPage = z.infer<typeof wishPage>;
