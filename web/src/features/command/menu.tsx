import { AlertOutlined, DashboardOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { CommandMessageKey } from './i18n.zh-CN.ts';

// First in the menu, so /console lands those who may open it (leaders, district and street staff) here.
const group = { key: 'command', label: 'menu.groupCommand', order: 5 } as const;

export const commandMenu: MenuEntry<CommandMessageKey>[] = [
  { route: 'command', label: 'menu.command', icon: <DashboardOutlined />, group },
  { route: 'command/rules', label: 'menu.commandRules', icon: <AlertOutlined />, group },
];
