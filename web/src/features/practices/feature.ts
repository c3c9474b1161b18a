import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { practicesEnUS } from './i18n.en-US.ts';
import { practicesZhCN, type PracticesMessageKey } from './i18n.zh-CN.ts';
import { practicesMenu } from './menu.tsx';
import { practicesRoutes } from './routes.tsx';

/** The practice library: public pages on /portal, the staff's upkeep page in the console. */
export const practicesFeature: Feature<PracticesMessageKey> = {
  id: 'practices', routes: practicesRoutes, menu: practicesMenu, messages: { 'zh-CN': practicesZhCN, 'en-US': practicesEnUS },
  portalHome: [{ order: 30, component: lazyNamed(() => import('./components/portal-home.tsx'), 'PracticesPortalSection') }],
};
