import { BarChartOutlined, DashboardOutlined, FileSearchOutlined, FlagOutlined, PhoneOutlined, SettingOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { CaseMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'cases', label: 'case.menu.group', order: 10 } as const;

export const casesMenu: MenuEntry<CaseMessageKey>[] = [
  { route: 'todo', label: 'case.menu.todo', icon: <DashboardOutlined />, group },
  { route: 'cases', label: 'case.menu.list', icon: <FileSearchOutlined />, group },
  { route: 'hotline', label: 'case.menu.hotline', icon: <PhoneOutlined />, group },
  { route: 'supervision', label: 'case.menu.supervision', icon: <FlagOutlined />, group },
  { route: 'indicators', label: 'case.menu.indicators', icon: <BarChartOutlined />, group },
  { route: 'case-settings', label: 'case.menu.settings', icon: <SettingOutlined />, group },
];
