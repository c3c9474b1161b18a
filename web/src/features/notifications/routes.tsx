import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const notificationsRoutes: FeatureRoutes = {
  // The server lists deliveries to the administrators who read accounts (granted on the root).
  console: [{ path: 'deliveries', permission: 'user.read', page: lazyNamed(() => import('./pages/deliveries-page.tsx'), 'DeliveriesPage') }],
};
