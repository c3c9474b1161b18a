import type { FeatureRoutes } from '../../platform/feature.ts';

export const communityRoutes: FeatureRoutes = {
  console: [],
  mobile: [],
  portal: [],
};
