import { AppstoreOutlined, AuditOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import { centreMenu } from './centre-menu.tsx';
import type { ServicesMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'services', label: 'services.menu.group', order: 15 } as const;

export const servicesMenu: MenuEntry<ServicesMessageKey>[] = [
  { route: 'services/counter', label: 'services.menu.counter', icon: <SolutionOutlined />, group },
  { route: 'services/applications', label: 'services.menu.applications', icon: <AuditOutlined />, group },
  { route: 'services/catalogue', label: 'services.menu.catalogue', icon: <AppstoreOutlined />, group },
  ...centreMenu(group),
];
