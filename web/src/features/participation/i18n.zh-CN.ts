// Messages of participation (居民参与), merged by the i18n core; Chinese is the reference.
// part-b's messages come from its own files, one spread each.

export const participationZhCN = {
  'participation.menu.group': '居民参与',
} as const;

export type ParticipationMessageKey = keyof typeof participationZhCN;
