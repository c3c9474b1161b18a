import type { FeatureRoutes } from '../../platform/feature.ts';
import { projectsConsoleRoutes, projectsPortalRoutes } from './projects/routes.tsx';

export const communityRoutes: FeatureRoutes = {
  console: [...projectsConsoleRoutes],
  mobile: [],
  portal: [...projectsPortalRoutes],
};
