import type { CommunityMessageKey } from './i18n.zh-CN.ts';

// English: the type makes a missing key a compile error.
export const communityEnUS: Record<CommunityMessageKey, string> = {
  'menu.groupCommunity': 'Community forces',
};
