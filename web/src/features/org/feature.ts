import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { orgEnUS } from './i18n.en-US.ts';
import { orgZhCN, type OrgMessageKey } from './i18n.zh-CN.ts';
import { orgMenu } from './menu.tsx';
import { orgRoutes } from './routes.tsx';

/** The org tree, grids and their rosters: console pages, my grids on /m, the public roster on /portal. */
export const orgFeature: Feature<OrgMessageKey> = {
  id: 'org', routes: orgRoutes, menu: orgMenu, messages: { 'zh-CN': orgZhCN, 'en-US': orgEnUS },
  mobileHome: [{ order: 20, component: lazyNamed(() => import('./components/my-grids.tsx'), 'MyGrids') }],
  portalHome: [
    { order: 10, area: 'hero', component: lazyNamed(() => import('./components/public-roster.tsx'), 'PublicRosterSearch') },
    { order: 10, component: lazyNamed(() => import('./components/public-roster.tsx'), 'PublicRoster') },
  ],
};
