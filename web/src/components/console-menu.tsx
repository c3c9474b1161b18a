import { ApartmentOutlined, AuditOutlined, EnvironmentOutlined, KeyOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../domain.ts';
import type { MessageKey } from '../i18n/index.tsx';

export interface ConsoleMenuItem {
  path: string;
  permission: Permission;
  label: MessageKey;
  icon: ReactNode;
  group: 'grid' | 'system';
}

/** The console's menu: each entry appears only to holders of its permission. */
export const consoleMenu: ConsoleMenuItem[] = [
  { path: '/console/org', permission: 'org.read', label: 'menu.org', icon: <ApartmentOutlined />, group: 'grid' },
  { path: '/console/map', permission: 'org.read', label: 'menu.map', icon: <EnvironmentOutlined />, group: 'grid' },
  { path: '/console/roster', permission: 'org.read', label: 'menu.roster', icon: <TeamOutlined />, group: 'grid' },
  { path: '/console/users', permission: 'user.read', label: 'menu.users', icon: <UserSwitchOutlined />, group: 'system' },
  { path: '/console/apikeys', permission: 'apikey.manage', label: 'menu.apikeys', icon: <KeyOutlined />, group: 'system' },
  { path: '/console/audit', permission: 'audit.read', label: 'menu.audit', icon: <AuditOutlined />, group: 'system' },
];

export function allowedMenu(can: (permission: Permission) => boolean): ConsoleMenuItem[] {
  return consoleMenu.filter((item) => can(item.permission));
}
