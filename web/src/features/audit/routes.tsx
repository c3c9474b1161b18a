import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const auditRoutes: FeatureRoutes = {
  console: [{ path: 'audit', permission: 'audit.read', page: lazyNamed(() => import('./pages/audit-page.tsx'), 'AuditPage') }],
};
