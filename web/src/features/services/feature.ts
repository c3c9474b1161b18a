import type { Feature } from '../../platform/feature.ts';
import { servicesEnUS } from './i18n.en-US.ts';
import { servicesZhCN, type ServicesMessageKey } from './i18n.zh-CN.ts';
import { servicesMenu } from './menu.tsx';
import { servicesRoutes } from './routes.tsx';

/** One-stop services (一站式服务): the catalogue, the counter, the back office, and applying and following on /portal. */
export const servicesFeature: Feature<ServicesMessageKey> = {
  id: 'services', routes: servicesRoutes, menu: servicesMenu, messages: { 'zh-CN': servicesZhCN, 'en-US': servicesEnUS },
};
