import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const casesRoutes: FeatureRoutes = {
  console: [
    { path: 'todo', permission: 'case.handle', page: lazyNamed(() => import('./pages/todo-page.tsx'), 'CaseTodoPage') },
    { path: 'cases', permission: 'case.read', page: lazyNamed(() => import('./pages/list-page.tsx'), 'CaseListPage') },
    { path: 'cases/:id', permission: 'case.read', page: lazyNamed(() => import('./pages/detail-page.tsx'), 'CaseDetailPage') },
    { path: 'hotline', permission: 'case.report', page: lazyNamed(() => import('./pages/hotline-page.tsx'), 'CaseHotlinePage') },
    { path: 'supervision', permission: 'case.supervise', page: lazyNamed(() => import('./pages/supervision-page.tsx'), 'CaseSupervisionPage') },
    { path: 'indicators', permission: 'case.indicators', page: lazyNamed(() => import('./pages/indicators-page.tsx'), 'CaseIndicatorsPage') },
    { path: 'case-settings', permission: 'case.configure', page: lazyNamed(() => import('./pages/settings-page.tsx'), 'CaseSettingsPage') },
  ],
  mobile: [
    { path: 'report', permission: 'case.report', page: lazyNamed(() => import('./pages/mobile-report-page.tsx'), 'CaseMobileReportPage') },
    { path: 'cases/:id', permission: 'case.read', page: lazyNamed(() => import('./pages/mobile-case-page.tsx'), 'CaseMobileCasePage') },
  ],
  portal: [
    { path: 'report', page: lazyNamed(() => import('./pages/portal-report-page.tsx'), 'CasePortalReportPage') },
    { path: 'track', page: lazyNamed(() => import('./pages/portal-track-page.tsx'), 'CasePortalTrackPage') },
    { path: 'mine', page: lazyNamed(() => import('./pages/portal-mine-page.tsx'), 'CasePortalMinePage') },
  ],
};
