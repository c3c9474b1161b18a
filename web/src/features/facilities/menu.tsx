import { AimOutlined, ShopOutlined, TableOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { FacilitiesMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'facilities', label: 'facilities.menu.group', order: 35 } as const;

export const facilitiesMenu: MenuEntry<FacilitiesMessageKey>[] = [
  { route: 'facilities/ledger', label: 'facilities.menu.list', icon: <ShopOutlined />, group },
  { route: 'facilities/coverage', label: 'facilities.menu.coverage', icon: <AimOutlined />, group },
  { route: 'facilities/standard', label: 'facilities.menu.standard', icon: <TableOutlined />, group },
];
