// The pages of the projects and the community funds, and their console menu entries; the
// community feature's routes.tsx, menu.tsx and feature.ts take them in one line each.
import { BankOutlined, FundProjectionScreenOutlined, ProjectOutlined, SolutionOutlined } from '@ant-design/icons';
import type { FeatureRoute, HomeSection, MenuEntry, MenuGroup } from '../../../platform/feature.ts';
import { lazyNamed } from '../../../platform/lazy.ts';
import type { ProjectsMessageKey } from './i18n.zh-CN.ts';

export const projectsConsoleRoutes: FeatureRoute[] = [
  { path: 'community/projects', permission: 'community.projects', page: lazyNamed(() => import('./pages/calls-page.tsx'), 'CallsPage') },
  { path: 'community/projects/applications/:id', permission: 'community.projects', page: lazyNamed(() => import('./pages/application-pages.tsx'), 'StaffApplicationPage') },
  { path: 'community/my-projects', permission: 'community.organisation', page: lazyNamed(() => import('./pages/organisation-projects-page.tsx'), 'OrganisationProjectsPage') },
  { path: 'community/my-projects/:id', permission: 'community.organisation', page: lazyNamed(() => import('./pages/application-pages.tsx'), 'OrganisationApplicationPage') },
  { path: 'community/reviews', permission: 'community.review', page: lazyNamed(() => import('./pages/reviews-page.tsx'), 'ReviewsPage') },
  { path: 'community/reviews/:id', permission: 'community.review', page: lazyNamed(() => import('./pages/application-pages.tsx'), 'ExpertApplicationPage') },
  { path: 'community/funds', permission: 'community.foundation', page: lazyNamed(() => import('../foundations/pages/funds-page.tsx'), 'FundsPage') },
  { path: 'community/funds/:id', permission: 'community.foundation', page: lazyNamed(() => import('../foundations/pages/fund-page.tsx'), 'FundPage') },
];

export const projectsPortalRoutes: FeatureRoute[] = [
  { path: 'funds', page: lazyNamed(() => import('../foundations/pages/portal-report-pages.tsx'), 'PortalFundsPage') },
  { path: 'funds/:id/:year', page: lazyNamed(() => import('../foundations/pages/portal-report-pages.tsx'), 'PortalFundReportPage') },
];

export const projectsPortalHome: HomeSection[] = [{ order: 45, component: lazyNamed(() => import('../foundations/portal-home.tsx'), 'FundsPortalSection') }];

/** Menu entries in the community group (passed in, so this file needs nothing of menu.tsx). */
export function projectsMenu<K extends string>(group: MenuGroup<K>): MenuEntry<ProjectsMessageKey | K>[] {
  return [
    { route: 'community/projects', label: 'menu.communityProjects', icon: <ProjectOutlined />, group },
    { route: 'community/my-projects', label: 'menu.communityMyProjects', icon: <SolutionOutlined />, group },
    { route: 'community/reviews', label: 'menu.communityReviews', icon: <FundProjectionScreenOutlined />, group },
    { route: 'community/funds', label: 'menu.communityFunds', icon: <BankOutlined />, group },
  ];
}
