import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const gridworkRoutes: FeatureRoutes = {
  console: [{ path: 'patrols', permission: 'gridwork.read', page: lazyNamed(() => import('./pages/patrols-page.tsx'), 'PatrolsPage') }],
};
