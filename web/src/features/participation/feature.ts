import type { Feature } from '../../platform/feature.ts';
import { participationEnUS } from './i18n.en-US.ts';
import { participationZhCN, type ParticipationMessageKey } from './i18n.zh-CN.ts';
import { participationMenu } from './menu.tsx';
import { participationMobileHome, participationPortalHome, participationRoutes } from './routes.tsx';

/** Residents take part (居民参与): needs, micro-wishes, proposals, points, meetings, votes, budgets, conventions, the public board. */
export const participationFeature: Feature<ParticipationMessageKey> = {
  id: 'participation',
  routes: participationRoutes,
  menu: participationMenu,
  messages: { 'zh-CN': participationZhCN, 'en-US': participationEnUS },
  mobileHome: participationMobileHome,
  portalHome: participationPortalHome,
};
