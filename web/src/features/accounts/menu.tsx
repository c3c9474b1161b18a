import { KeyOutlined, SafetyOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { systemMenuGroup, type MenuEntry } from '../../platform/feature.ts';
import type { AccountsMessageKey } from './i18n.zh-CN.ts';

export const accountsMenu: MenuEntry<AccountsMessageKey>[] = [
  { route: 'users', label: 'menu.users', icon: <UserSwitchOutlined />, group: systemMenuGroup },
  { route: 'apikeys', label: 'menu.apikeys', icon: <KeyOutlined />, group: systemMenuGroup },
  { route: 'security', label: 'menu.security', icon: <SafetyOutlined />, group: systemMenuGroup },
];
