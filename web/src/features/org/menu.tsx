import { ApartmentOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { OrgMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'grid', label: 'menu.groupGrid', order: 20 } as const;

export const orgMenu: MenuEntry<OrgMessageKey>[] = [
  { route: 'org', label: 'menu.org', icon: <ApartmentOutlined />, group },
  { route: 'map', label: 'menu.map', icon: <EnvironmentOutlined />, group },
  { route: 'roster', label: 'menu.roster', icon: <TeamOutlined />, group },
];
