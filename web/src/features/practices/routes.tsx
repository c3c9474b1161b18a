import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const practicesRoutes: FeatureRoutes = {
  console: [{ path: 'practices', permission: 'practices.write', page: lazyNamed(() => import('./pages/console-practices-page.tsx'), 'PracticesConsolePage') }],
  portal: [
    { path: 'practices', page: lazyNamed(() => import('./pages/portal-library-page.tsx'), 'PracticesLibraryPage') },
    { path: 'practices/:id', page: lazyNamed(() => import('./pages/portal-practice-page.tsx'), 'PracticePage') },
  ],
};
