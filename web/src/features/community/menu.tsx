import type { MenuEntry } from '../../platform/feature.ts';
import type { CommunityMessageKey } from './i18n.zh-CN.ts';
import { projectsMenu } from './projects/routes.tsx';
import { volunteersMenu } from './volunteers/routes.tsx';

export const communityGroup = { key: 'community', label: 'menu.groupCommunity', order: 28 } as const;

export const communityMenu: MenuEntry<CommunityMessageKey>[] = [...volunteersMenu(communityGroup), ...projectsMenu(communityGroup)];
