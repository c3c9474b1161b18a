import type { Feature } from '../../platform/feature.ts';
import { accountsEnUS } from './i18n.en-US.ts';
import { accountsZhCN, type AccountsMessageKey } from './i18n.zh-CN.ts';
import { accountsMenu } from './menu.tsx';
import { accountsRoutes } from './routes.tsx';

/** Accounts: sign-in and password change, users and their role grants, API keys. */
export const accountsFeature: Feature<AccountsMessageKey> = {
  id: 'accounts', routes: accountsRoutes, menu: accountsMenu, messages: { 'zh-CN': accountsZhCN, 'en-US': accountsEnUS },
};
