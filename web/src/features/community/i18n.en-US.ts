import type { CommunityMessageKey } from './i18n.zh-CN.ts';
import { projectsEnUS } from './projects/i18n.en-US.ts';
import { volunteersEnUS } from './volunteers/i18n.en-US.ts';

// English: the type makes a missing key a compile error.
export const communityEnUS: Record<CommunityMessageKey, string> = {
  'menu.groupCommunity': 'Community forces',
  ...volunteersEnUS,
  ...projectsEnUS,
};
