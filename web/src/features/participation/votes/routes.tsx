// The pages of votes, consultation meetings, councils, budgets and conventions, their console menu
// entries and home sections; the participation feature's routes.tsx and menu.tsx take them in one spread each.
import { AuditOutlined, BookOutlined, CommentOutlined, FundOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute, HomeSection, MenuEntry, MenuGroup } from '../../../platform/feature.ts';
import { lazyNamed } from '../../../platform/lazy.ts';
import type { VotingMessageKey } from './i18n.zh-CN.ts';

export const votingConsoleRoutes: FeatureRoute[] = [
  { path: 'participation/votes', permission: 'participation.read', page: lazyNamed(() => import('./pages/votes-page.tsx'), 'VotesPage') },
  { path: 'participation/votes/:id', permission: 'participation.read', page: lazyNamed(() => import('./pages/vote-page.tsx'), 'VotePage') },
  { path: 'participation/meetings', permission: 'participation.read', page: lazyNamed(() => import('../meetings/pages/meetings-page.tsx'), 'MeetingsPage') },
  { path: 'participation/meetings/:id', permission: 'participation.read', page: lazyNamed(() => import('../meetings/pages/meeting-page.tsx'), 'MeetingPage') },
  { path: 'participation/councils', permission: 'participation.read', page: lazyNamed(() => import('../meetings/pages/councils-page.tsx'), 'CouncilsPage') },
  { path: 'participation/budgets', permission: 'participation.read', page: lazyNamed(() => import('../budgets/pages/budgets-page.tsx'), 'BudgetsPage') },
  { path: 'participation/conventions', permission: 'participation.read', page: lazyNamed(() => import('../conventions/pages/conventions-page.tsx'), 'ConventionsPage') },
];

export const votingMobileRoutes: FeatureRoute[] = [
  { path: 'participation', permission: 'participation.record', page: lazyNamed(() => import('../meetings/pages/mobile-page.tsx'), 'MobileParticipationPage') },
];

export const votingPortalRoutes: FeatureRoute[] = [{ path: 'participation/votes', page: lazyNamed(() => import('./pages/portal-page.tsx'), 'PortalVotingPage') }];

export const votingPortalHome: HomeSection[] = [{ order: 46, component: lazyNamed(() => import('./home.tsx'), 'VotingPortalSection') }];
export const votingMobileHome: HomeSection[] = [{ order: 46, component: lazyNamed(() => import('./home.tsx'), 'VotingMobileSection') }];

export function votingMenu<K extends string>(group: MenuGroup<K>): MenuEntry<VotingMessageKey | K>[] {
  return [
    { route: 'participation/meetings', label: 'menu.participationMeetings', icon: <CommentOutlined />, group },
    { route: 'participation/votes', label: 'menu.participationVotes', icon: <AuditOutlined />, group },
    { route: 'participation/budgets', label: 'menu.participationBudgets', icon: <FundOutlined />, group },
    { route: 'participation/conventions', label: 'menu.participationConventions', icon: <BookOutlined />, group },
    { route: 'participation/councils', label: 'menu.participationCouncils', icon: <TeamOutlined />, group },
  ];
}
