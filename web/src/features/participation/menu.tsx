import type { MenuEntry } from '../../platform/feature.ts';
import type { ParticipationMessageKey } from './i18n.zh-CN.ts';
import { needsMenu } from './part-a-routes.tsx';
import { votingMenu } from './votes/routes.tsx';

export const participationGroup = { key: 'participation', label: 'participation.menu.group', order: 29 } as const;

/** part-a's entries, then part-b's, one spread each. */
export const participationMenu: MenuEntry<ParticipationMessageKey>[] = [...needsMenu(participationGroup), ...votingMenu(participationGroup)];
