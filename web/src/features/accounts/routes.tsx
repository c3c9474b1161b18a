import type { FeatureRoutes } from '../../platform/feature.ts';
import { lazyNamed } from '../../platform/lazy.ts';

export const accountsRoutes: FeatureRoutes = {
  root: [
    { path: '/login', access: 'public', page: lazyNamed(() => import('./pages/login-page.tsx'), 'LoginPage') },
    { path: '/change-password', access: 'password-change', page: lazyNamed(() => import('./pages/change-password-page.tsx'), 'ChangePasswordPage') },
  ],
  console: [
    { path: 'users', permission: 'user.read', page: lazyNamed(() => import('./pages/users-page.tsx'), 'UsersPage') },
    { path: 'apikeys', permission: 'apikey.manage', page: lazyNamed(() => import('./pages/api-keys-page.tsx'), 'ApiKeysPage') },
    { path: 'security', permission: 'user.approve_change', page: lazyNamed(() => import('./pages/security-page.tsx'), 'SecurityPage') },
  ],
};
