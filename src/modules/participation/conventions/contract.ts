// Conventions (居民公约/村规民约): versions drafted, consulted, adopted by a vote, in force.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';

export const conventionKinds = ['residents', 'villagers'] as const;
export type ConventionKind = (typeof conventionKinds)[number];
export const conventionStatuses = ['draft', 'consulting', 'adopted', 'in_force', 'superseded', 'rejected'] as const;
export type ConventionStatus = (typeof conventionStatuses)[number];
export const conventionActions = ['consult', 'adopt', 'reject', 'put_in_force'] as const;
export type ConventionAction = (typeof conventionActions)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');

export const createConventionBody = z.object({ communityCode: z.string().trim().min(1).max(40), kind: z.enum(conventionKinds), title: z.string().trim().min(2).max(200), text: z.string().trim().min(10).max(50_000) });
export type CreateConventionBody = z.infer<typeof createConventionBody>;
export const conventionVersionBody = z.object({ text: z.string().trim().min(10).max(50_000) });
export const conventionActionBody = z
  .object({ action: z.enum(conventionActions), versionId: z.uuid(), note: z.string().trim().max(2000).optional(), voteId: z.uuid().optional(), inForceFrom: isoDate.optional() })
  .superRefine((b, ctx) => {
    if (b.action === 'adopt' && !b.voteId) ctx.addIssue({ code: 'custom', path: ['voteId'], message: '公约须经表决通过 / adopted by a vote: name it' });
    if (b.action === 'put_in_force' && !b.inForceFrom) ctx.addIssue({ code: 'custom', path: ['inForceFrom'], message: '须写明生效日期 / the date it takes force' });
    if (b.action === 'consult' && !b.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '须写明征求意见的方式 / how it is consulted' });
  });
export type ConventionActionBody = z.infer<typeof conventionActionBody>;

export const conventionVersionView = z.object({ id: z.string(), number: z.number().int(), text: z.string(), status: z.enum(conventionStatuses), voteId: z.string().nullable(), consultedNote: z.string().nullable(), inForceFrom: z.string().nullable(), publishedAt: z.date().nullable() });
export const conventionView = z.object({ id: z.string(), communityCode: z.string(), kind: z.enum(conventionKinds), title: z.string(), inForce: z.number().int().nullable(), versions: z.array(conventionVersionView) });
export type ConventionView = z.infer<typeof conventionView>;
export const conventionPage = pageOf(conventionView);
export const conventionListQuery = z.object({ communityCode: z.string().max(40).optional(), ...pageQuery });
export type ConventionListQuery = z.infer<typeof conventionListQuery>;
export { conventionTransitions } from './rules.ts';
