import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { casesEnUS } from './i18n.en-US.ts';
import { casesZhCN, type CaseMessageKey } from './i18n.zh-CN.ts';
import { casesMenu } from './menu.tsx';
import { casesRoutes } from './routes.tsx';

/** Cases (事件/工单): the console's case pages, reporting and following on /m and /portal, the bell. */
export const casesFeature: Feature<CaseMessageKey> = {
  id: 'cases', routes: casesRoutes, menu: casesMenu, messages: { 'zh-CN': casesZhCN, 'en-US': casesEnUS },
  mobileHome: [{ order: 10, component: lazyNamed(() => import('./components/mobile-tasks.tsx'), 'CaseMobileTasksSection') }],
  portalHome: [{ order: 20, elderOrder: 0, component: lazyNamed(() => import('./components/portal-services.tsx'), 'CasePortalServices') }],
  header: [lazyNamed(() => import('./components/bell.tsx'), 'HeaderBell')],
};
