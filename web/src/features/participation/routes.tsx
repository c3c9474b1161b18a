// The pages of participation by part: part-a's (needs, wishes, proposals, points, board), then
// part-b's (votes, meetings, budgets, conventions), one spread each.
import type { FeatureRoutes, HomeSection } from '../../platform/feature.ts';

export const participationRoutes: FeatureRoutes = {
  console: [],
  mobile: [],
  portal: [],
};

export const participationMobileHome: HomeSection[] = [];

export const participationPortalHome: HomeSection[] = [];
