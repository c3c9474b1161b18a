import { ApartmentOutlined, AuditOutlined, EnvironmentOutlined, KeyOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { CloudUploadOutlined, HeartOutlined, HomeOutlined, SearchOutlined } from '@ant-design/icons';
import { BarChartOutlined, DashboardOutlined, FileSearchOutlined, FlagOutlined, PhoneOutlined, SettingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../platform/domain.ts';
import type { MessageKey } from '../platform/i18n/index.tsx';

export interface ConsoleMenuItem {
  path: string;
  permission: Permission;
  label: MessageKey;
  icon: ReactNode;
  group: 'cases' | 'grid' | 'registry' | 'system';
}

/** The console's menu: each entry appears only to holders of its permission. */
export const consoleMenu: ConsoleMenuItem[] = [
  { path: '/console/todo', permission: 'case.handle', label: 'case.menu.todo', icon: <DashboardOutlined />, group: 'cases' },
  { path: '/console/cases', permission: 'case.handle', label: 'case.menu.list', icon: <FileSearchOutlined />, group: 'cases' },
  { path: '/console/hotline', permission: 'case.report', label: 'case.menu.hotline', icon: <PhoneOutlined />, group: 'cases' },
  { path: '/console/supervision', permission: 'case.supervise', label: 'case.menu.supervision', icon: <FlagOutlined />, group: 'cases' },
  { path: '/console/indicators', permission: 'case.indicators', label: 'case.menu.indicators', icon: <BarChartOutlined />, group: 'cases' },
  { path: '/console/case-settings', permission: 'case.configure', label: 'case.menu.settings', icon: <SettingOutlined />, group: 'cases' },
  { path: '/console/org', permission: 'org.read', label: 'menu.org', icon: <ApartmentOutlined />, group: 'grid' },
  { path: '/console/map', permission: 'org.read', label: 'menu.map', icon: <EnvironmentOutlined />, group: 'grid' },
  { path: '/console/roster', permission: 'org.read', label: 'menu.roster', icon: <TeamOutlined />, group: 'grid' },
  { path: '/console/registry/housing', permission: 'registry.read', label: 'registry.menu.housing', icon: <HomeOutlined />, group: 'registry' },
  { path: '/console/registry/residents', permission: 'registry.read', label: 'registry.menu.residents', icon: <SearchOutlined />, group: 'registry' },
  { path: '/console/registry/key-groups', permission: 'registry.read', label: 'registry.menu.keyGroups', icon: <HeartOutlined />, group: 'registry' },
  { path: '/console/registry/import', permission: 'registry.import', label: 'registry.menu.import', icon: <CloudUploadOutlined />, group: 'registry' },
  { path: '/console/users', permission: 'user.read', label: 'menu.users', icon: <UserSwitchOutlined />, group: 'system' },
  { path: '/console/apikeys', permission: 'apikey.manage', label: 'menu.apikeys', icon: <KeyOutlined />, group: 'system' },
  { path: '/console/audit', permission: 'audit.read', label: 'menu.audit', icon: <AuditOutlined />, group: 'system' },
];

export function allowedMenu(can: (permission: Permission) => boolean): ConsoleMenuItem[] {
  return consoleMenu.filter((item) => can(item.permission));
}
