import type { ParticipationMessageKey } from './i18n.zh-CN.ts';

// English: the type makes a missing key a compile error.
export const participationEnUS: Record<ParticipationMessageKey, string> = {
  'participation.menu.group': 'Participation',
};
