// Messages of the community forces (三社联动): organisations, social workers, volunteers, points,
// and (in the block at the end) projects and foundations. Chinese is the reference.
import { projectsZhCN } from './projects/i18n.zh-CN.ts';
import { volunteersZhCN } from './volunteers/i18n.zh-CN.ts';

export const communityZhCN = {
  'menu.groupCommunity': '三社联动',
  ...volunteersZhCN,
  ...projectsZhCN,
} as const;

export type CommunityMessageKey = keyof typeof communityZhCN;
