// Vocabularies shared by the parts of participation.
import { z } from 'zod';

/** Who a record comes from: a resident (/portal), a grid worker (/m), staff (console), a council or a unit. */
export const sourceChannels = ['portal', 'mobile', 'console'] as const;
export type SourceChannel = (typeof sourceChannels)[number];

/** 三事分流: a government, community or private matter decides who takes it. */
export const matterKinds = ['government', 'community', 'private'] as const;
export type MatterKind = (typeof matterKinds)[number];

/** The actions that earn participation points (a community's or street's rules price them). */
export const pointsActions = ['attend_meeting', 'submit_need', 'submit_proposal', 'proposal_accepted', 'vote', 'evaluate', 'volunteer'] as const;
export type PointsAction = (typeof pointsActions)[number];

export const communityCodeParam = z.object({ code: z.string().regex(/^[0-9A-Za-z]{1,40}$/, '社区代码只含字母和数字 / letters and digits only') });
export const idParam = z.object({ id: z.uuid() });
