import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const commandRoutes: FeatureRoutes = {
  console: [
    { path: 'command', permission: 'command.centre', page: lazyNamed(() => import('./pages/command-page.tsx'), 'CommandPage') },
    { path: 'command/rules', permission: 'command.rules.write', page: lazyNamed(() => import('./pages/rules-page.tsx'), 'RulesPage') },
  ],
  // The wall display: the same figures full screen, without the console's menu.
  root: [{ path: '/command-wall', access: 'signed-in', permission: 'command.centre', page: lazyNamed(() => import('./pages/wall-page.tsx'), 'WallPage') }],
};
