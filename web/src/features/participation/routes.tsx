// The pages of participation by part: part-a's (needs, wishes, proposals, points, board), then
// part-b's (votes, meetings, budgets, conventions), one spread each.
import type { FeatureRoutes, HomeSection } from '../../platform/feature.ts';
import { needsConsoleRoutes, needsMobileHome, needsMobileRoutes, needsPortalHome, needsPortalRoutes } from './part-a-routes.tsx';
import { votingConsoleRoutes, votingMobileHome, votingMobileRoutes, votingPortalHome, votingPortalRoutes } from './votes/routes.tsx';

export const participationRoutes: FeatureRoutes = {
  console: [...needsConsoleRoutes, ...votingConsoleRoutes],
  mobile: [...needsMobileRoutes, ...votingMobileRoutes],
  portal: [...needsPortalRoutes, ...votingPortalRoutes],
};

export const participationMobileHome: HomeSection[] = [...needsMobileHome, ...votingMobileHome];

export const participationPortalHome: HomeSection[] = [...needsPortalHome, ...votingPortalHome];
