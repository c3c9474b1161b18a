import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const facilitiesRoutes: FeatureRoutes = {
  console: [
    { path: 'facilities/ledger', permission: 'facilities.read', page: lazyNamed(() => import('./pages/facilities-page.tsx'), 'FacilitiesPage') },
    // The coverage page alone carries MapLibre and is fetched only when opened.
    { path: 'facilities/coverage', permission: 'facilities.read', page: lazyNamed(() => import('./pages/coverage-page.tsx'), 'FacilitiesCoveragePage') },
    { path: 'facilities/standard', permission: 'facilities.read', page: lazyNamed(() => import('./pages/standard-page.tsx'), 'FacilitiesStandardPage') },
  ],
  portal: [{ path: 'near-me', page: lazyNamed(() => import('./pages/portal-near-me-page.tsx'), 'FacilitiesNearMePage') }],
};
