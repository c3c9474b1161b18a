import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { centreConsoleRoutes, centrePortalRoutes } from './centre-routes.tsx';

export const servicesRoutes: FeatureRoutes = {
  console: [
    { path: 'services/catalogue', permission: 'services.read', page: lazyNamed(() => import('./pages/catalogue-page.tsx'), 'ServiceCataloguePage') },
    { path: 'services/counter', permission: 'services.intake', page: lazyNamed(() => import('./pages/counter-page.tsx'), 'ServiceCounterPage') },
    { path: 'services/applications', permission: 'services.read', page: lazyNamed(() => import('./pages/applications-page.tsx'), 'ServiceApplicationsPage') },
    { path: 'services/applications/:number', permission: 'services.read', page: lazyNamed(() => import('./pages/application-page.tsx'), 'ServiceApplicationPage') },
    ...centreConsoleRoutes,
  ],
  portal: [
    { path: 'services', page: lazyNamed(() => import('./pages/portal-services-page.tsx'), 'PortalServicesPage') },
    { path: 'services/apply/:code', page: lazyNamed(() => import('./pages/portal-apply-page.tsx'), 'PortalApplyPage') },
    { path: 'services/track', page: lazyNamed(() => import('./pages/portal-track-page.tsx'), 'PortalServiceTrackPage') },
    { path: 'services/applications/:number', page: lazyNamed(() => import('./pages/portal-application-page.tsx'), 'PortalApplicationPage') },
    ...centrePortalRoutes,
  ],
};
