import type { Feature } from '../../platform/feature.ts';
import { communityEnUS } from './i18n.en-US.ts';
import { communityZhCN, type CommunityMessageKey } from './i18n.zh-CN.ts';
import { communityMenu } from './menu.tsx';
import { communityRoutes } from './routes.tsx';
import { projectsPortalHome } from './projects/routes.tsx';
import { volunteersMobileHome, volunteersPortalHome } from './volunteers/routes.tsx';

/** Community forces (三社联动): the console's registers, /m's check-in, /portal's volunteering and reports. */
export const communityFeature: Feature<CommunityMessageKey> = {
  id: 'community', routes: communityRoutes, menu: communityMenu, messages: { 'zh-CN': communityZhCN, 'en-US': communityEnUS },
  mobileHome: [...volunteersMobileHome],
  portalHome: [...volunteersPortalHome, ...projectsPortalHome],
};
