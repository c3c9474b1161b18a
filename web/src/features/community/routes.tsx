import type { FeatureRoutes } from '../../platform/feature.ts';
import { projectsConsoleRoutes, projectsPortalRoutes } from './projects/routes.tsx';
import { volunteersConsoleRoutes, volunteersMobileRoutes, volunteersPortalRoutes } from './volunteers/routes.tsx';

export const communityRoutes: FeatureRoutes = {
  console: [...volunteersConsoleRoutes, ...projectsConsoleRoutes],
  mobile: [...volunteersMobileRoutes],
  portal: [...volunteersPortalRoutes, ...projectsPortalRoutes],
};
