import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const gridworkRoutes: FeatureRoutes = {
  console: [
    { path: 'patrols', permission: 'gridwork.read', page: lazyNamed(() => import('./pages/patrols-page.tsx'), 'PatrolsPage') },
    { path: 'duty-rules', permission: 'gridwork.read', page: lazyNamed(() => import('./pages/duty-rules-page.tsx'), 'DutyRulesPage') },
    { path: 'work-logs', permission: 'gridwork.read', page: lazyNamed(() => import('./pages/logs-page.tsx'), 'WorkLogsPage') },
    { path: 'attendance', permission: 'gridwork.read', page: lazyNamed(() => import('./pages/attendance-page.tsx'), 'AttendancePage') },
    { path: 'worker-records', permission: 'gridwork.read', page: lazyNamed(() => import('./pages/records-page.tsx'), 'RecordsPage') },
  ],
};
