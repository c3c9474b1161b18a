import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const orgRoutes: FeatureRoutes = {
  console: [
    { path: 'org', permission: 'org.read', page: lazyNamed(() => import('./pages/org-tree-page.tsx'), 'OrgTreePage') },
    // The map page alone carries MapLibre (~1 MB) and is fetched only when the map is opened.
    { path: 'map', permission: 'org.read', page: lazyNamed(() => import('./pages/grid-map-page.tsx'), 'GridMapPage') },
    { path: 'roster', permission: 'org.read', page: lazyNamed(() => import('./pages/grid-roster-page.tsx'), 'GridRosterPage') },
  ],
};
