import { AimOutlined, CalendarOutlined, OrderedListOutlined, ReadOutlined, TrophyOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { GridworkMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'gridwork', label: 'menu.groupGridwork', order: 25 } as const;

export const gridworkMenu: MenuEntry<GridworkMessageKey>[] = [
  { route: 'patrols', label: 'menu.gridworkPatrols', icon: <AimOutlined />, group },
  { route: 'duty-rules', label: 'menu.gridworkDutyRules', icon: <OrderedListOutlined />, group },
  { route: 'work-logs', label: 'menu.gridworkLogs', icon: <ReadOutlined />, group },
  { route: 'attendance', label: 'menu.gridworkAttendance', icon: <CalendarOutlined />, group },
  { route: 'worker-records', label: 'menu.gridworkRecords', icon: <TrophyOutlined />, group },
];
