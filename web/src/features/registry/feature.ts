import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { registryEnUS } from './i18n.en-US.ts';
import { registryZhCN, type RegistryMessageKey } from './i18n.zh-CN.ts';
import { registryMenu } from './menu.tsx';
import { registryRoutes } from './routes.tsx';

/** The registry (一户一档): houses and people in the console, the grid's people and visits on /m. */
export const registryFeature: Feature<RegistryMessageKey> = {
  id: 'registry', routes: registryRoutes, menu: registryMenu, messages: { 'zh-CN': registryZhCN, 'en-US': registryEnUS },
  mobileHome: [{ order: 30, component: lazyNamed(() => import('./components/mobile-entry.tsx'), 'RegistryMobileEntry') }],
};
