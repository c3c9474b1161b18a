// Pages of the services' second part, spread into the feature's routes.
import type { FeatureRoute } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const centreConsoleRoutes: FeatureRoute[] = [
  { path: 'services/ratings', permission: 'services.read', page: lazyNamed(() => import('./pages/ratings-page.tsx'), 'RatingsPage') },
  { path: 'services/rectifications', permission: 'services.read', page: lazyNamed(() => import('./pages/rectifications-page.tsx'), 'RectificationsPage') },
  { path: 'services/appointments', permission: 'services.appointments', page: lazyNamed(() => import('./pages/appointments-page.tsx'), 'AppointmentsPage') },
  { path: 'services/tasks', permission: 'services.read', page: lazyNamed(() => import('./pages/tasks-page.tsx'), 'TasksPage') },
  { path: 'services/certificates', permission: 'services.read', page: lazyNamed(() => import('./pages/certificates-page.tsx'), 'CertificatesPage') },
  { path: 'services/ledgers', permission: 'services.ledgers', page: lazyNamed(() => import('./pages/ledgers-page.tsx'), 'LedgersPage') },
  { path: 'services/packages', permission: 'services.read', page: lazyNamed(() => import('./pages/package-page.tsx'), 'PackagePage') },
];

export const centrePortalRoutes: FeatureRoute[] = [
  { path: 'services/book', page: lazyNamed(() => import('./pages/portal-book-page.tsx'), 'PortalBookPage') },
  { path: 'services/rate', page: lazyNamed(() => import('./pages/portal-rate-page.tsx'), 'PortalRatePage') },
];
