// The pages of organisations, social workers, volunteers, activities and points, and their console
// menu entries; the community feature's routes.tsx, menu.tsx and feature.ts take them in one line each.
import { ApartmentOutlined, CalendarOutlined, HeartOutlined, IdcardOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute, HomeSection, MenuEntry, MenuGroup } from '../../../platform/feature.ts';
import { lazyNamed } from '../../../platform/lazy.ts';
import type { VolunteersMessageKey } from './i18n.zh-CN.ts';

const registers = (name: string) => lazyNamed(() => import('./pages/registers-page.tsx'), name as 'OrganisationsPage');
const activities = (name: string) => lazyNamed(() => import('./pages/activities-page.tsx'), name as 'ActivitiesPage');

export const volunteersConsoleRoutes: FeatureRoute[] = [
  { path: 'community/organisations', permission: 'community.read', page: registers('OrganisationsPage') },
  { path: 'community/organisations/:id', permission: 'community.read', page: lazyNamed(() => import('./pages/organisation-page.tsx'), 'OrganisationPage') },
  { path: 'community/workers', permission: 'community.read', page: registers('WorkersPage') },
  { path: 'community/workers/:id', permission: 'community.read', page: lazyNamed(() => import('./pages/worker-page.tsx'), 'WorkerPage') },
  { path: 'community/volunteers', permission: 'community.read', page: registers('VolunteersPage') },
  { path: 'community/tiers', permission: 'community.read', page: registers('TiersPage') },
  { path: 'community/activities', permission: 'community.read', page: activities('ActivitiesPage') },
  { path: 'community/activities/:id', permission: 'community.read', page: activities('ActivityPage') },
  { path: 'community/service-records', permission: 'community.read', page: activities('RecordsPage') },
];

export const volunteersMobileRoutes: FeatureRoute[] = [
  { path: 'community/check/:id', permission: 'community.volunteer', page: lazyNamed(() => import('./pages/mobile-check-page.tsx'), 'MobileCheckPage') },
  { path: 'community/today', permission: 'community.volunteer', page: lazyNamed(() => import('./pages/mobile-today-page.tsx'), 'MobileTodayPage') },
];

export const volunteersPortalRoutes: FeatureRoute[] = [
  { path: 'volunteer', page: lazyNamed(() => import('./pages/portal-page.tsx'), 'VolunteerPortalPage') },
  { path: 'volunteer/transfer', permission: 'community.volunteer', page: lazyNamed(() => import('./pages/transfer-page.tsx'), 'PointsTransferPage') },
];

/** /m's home: today's activities with 签到 / 签退, for volunteers. */
export const volunteersMobileHome: HomeSection[] = [{ order: 35, component: lazyNamed(() => import('./mobile-home.tsx'), 'VolunteerMobileSection') }];

export const volunteersPortalHome: HomeSection[] = [{ order: 40, component: lazyNamed(() => import('./portal-home.tsx'), 'VolunteerPortalSection') }];

export function volunteersMenu<K extends string>(group: MenuGroup<K>): MenuEntry<VolunteersMessageKey | K>[] {
  return [
    { route: 'community/organisations', label: 'menu.communityOrganisations', icon: <ApartmentOutlined />, group },
    { route: 'community/workers', label: 'menu.communityWorkers', icon: <IdcardOutlined />, group },
    { route: 'community/volunteers', label: 'menu.communityVolunteers', icon: <HeartOutlined />, group },
    { route: 'community/activities', label: 'menu.communityActivities', icon: <CalendarOutlined />, group },
    { route: 'community/service-records', label: 'menu.communityRecords', icon: <ProfileOutlined />, group },
    { route: 'community/tiers', label: 'menu.communityTiers', icon: <TeamOutlined />, group },
  ];
}
