import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { facilitiesEnUS } from './i18n.en-US.ts';
import { facilitiesZhCN, type FacilitiesMessageKey } from './i18n.zh-CN.ts';
import { facilitiesMenu } from './menu.tsx';
import { facilitiesRoutes } from './routes.tsx';

/** Service facilities and the 15-minute life circle: the ledger, the standard, coverage maps; "near me" on /portal. */
export const facilitiesFeature: Feature<FacilitiesMessageKey> = {
  id: 'facilities', routes: facilitiesRoutes, menu: facilitiesMenu, messages: { 'zh-CN': facilitiesZhCN, 'en-US': facilitiesEnUS },
  portalHome: [{ order: 30, component: lazyNamed(() => import('./components/portal-entry.tsx'), 'FacilitiesPortalEntry') }],
};
