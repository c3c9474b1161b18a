import type { Feature } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';
import { gridworkEnUS } from './i18n.en-US.ts';
import { gridworkZhCN, type GridworkMessageKey } from './i18n.zh-CN.ts';
import { gridworkMenu } from './menu.tsx';
import { gridworkRoutes } from './routes.tsx';

/** The grid worker's day: /m's outbox, patrol, duty, log and attendance sections; the console's patrol pages. */
export const gridworkFeature: Feature<GridworkMessageKey> = {
  id: 'gridwork', routes: gridworkRoutes, menu: gridworkMenu, messages: { 'zh-CN': gridworkZhCN, 'en-US': gridworkEnUS },
  mobileHome: [
    { order: 5, component: lazyNamed(() => import('./components/mobile-outbox.tsx'), 'OutboxSection') },
    { order: 12, component: lazyNamed(() => import('./components/mobile-patrol.tsx'), 'PatrolSection') },
    { order: 14, component: lazyNamed(() => import('./components/mobile-duty.tsx'), 'DutySection') },
    { order: 40, component: lazyNamed(() => import('./components/mobile-log.tsx'), 'WorkLogSection') },
    { order: 45, component: lazyNamed(() => import('./components/mobile-attendance.tsx'), 'AttendanceSection') },
  ],
};
