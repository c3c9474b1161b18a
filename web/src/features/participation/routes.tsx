// The pages of participation by part: part-a's (needs, wishes, proposals, points, board), then
// part-b's (votes, meetings, budgets, conventions), one spread each.
import type { FeatureRoutes, HomeSection } from '../../platform/feature.ts';
import { needsConsoleRoutes, needsMobileHome, needsMobileRoutes, needsPortalHome, needsPortalRoutes } from './part-a-routes.tsx';

export const participationRoutes: FeatureRoutes = {
  console: [...needsConsoleRoutes],
  mobile: [...needsMobileRoutes],
  portal: [...needsPortalRoutes],
};

export const participationMobileHome: HomeSection[] = [...needsMobileHome];

export const participationPortalHome: HomeSection[] = [...needsPortalHome];
