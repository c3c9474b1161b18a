// part-a's pages (needs, micro-wishes, proposals, points, board) and console menu entries;
// routes.tsx, menu.tsx take them in one spread each.
import { BulbOutlined, GiftOutlined, SolutionOutlined, TrophyOutlined } from '@ant-design/icons';
import type { FeatureRoute, HomeSection, MenuEntry, MenuGroup } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import type { ParticipationMessageKey } from './i18n.zh-CN.ts';

export const needsConsoleRoutes: FeatureRoute[] = [
  { path: 'participation/needs', permission: 'participation.read', page: lazyNamed(() => import('./pages/needs-page.tsx'), 'NeedsPage') },
  { path: 'participation/wishes', permission: 'participation.read', page: lazyNamed(() => import('./pages/wishes-page.tsx'), 'WishesPage') },
  { path: 'participation/proposals', permission: 'participation.read', page: lazyNamed(() => import('./pages/proposals-page.tsx'), 'ProposalsPage') },
  { path: 'participation/proposals/:id', page: lazyNamed(() => import('./pages/proposal-page.tsx'), 'ProposalPage') },
  { path: 'participation/points', permission: 'participation.read', page: lazyNamed(() => import('./pages/points-page.tsx'), 'PointsPage') },
];

export const needsMobileRoutes: FeatureRoute[] = [{ path: 'participation/need', permission: 'participation.record', page: lazyNamed(() => import('./pages/mobile-need-page.tsx'), 'MobileNeedPage') }];

export const needsPortalRoutes: FeatureRoute[] = [
  { path: 'participation', page: lazyNamed(() => import('./pages/portal-page.tsx'), 'ParticipationPortalPage') },
  { path: 'board/:code', page: lazyNamed(() => import('./pages/board-page.tsx'), 'BoardPage') },
];

export const needsPortalHome: HomeSection[] = [{ order: 42, component: lazyNamed(() => import('./home-sections.tsx'), 'ParticipationPortalSection') }];
export const needsMobileHome: HomeSection[] = [{ order: 45, component: lazyNamed(() => import('./home-sections.tsx'), 'ParticipationMobileSection') }];

export function needsMenu<K extends string>(group: MenuGroup<K>): MenuEntry<ParticipationMessageKey | K>[] {
  return [
    { route: 'participation/proposals', label: 'participation.menu.proposals', icon: <SolutionOutlined />, group },
    { route: 'participation/needs', label: 'participation.menu.needs', icon: <BulbOutlined />, group },
    { route: 'participation/wishes', label: 'participation.menu.wishes', icon: <GiftOutlined />, group },
    { route: 'participation/points', label: 'participation.menu.points', icon: <TrophyOutlined />, group },
  ];
}
