import { CloudUploadOutlined, HeartOutlined, HomeOutlined, SearchOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { RegistryMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'registry', label: 'registry.menu.group', order: 30 } as const;

export const registryMenu: MenuEntry<RegistryMessageKey>[] = [
  { route: 'registry/housing', label: 'registry.menu.housing', icon: <HomeOutlined />, group },
  { route: 'registry/residents', label: 'registry.menu.residents', icon: <SearchOutlined />, group },
  { route: 'registry/key-groups', label: 'registry.menu.keyGroups', icon: <HeartOutlined />, group },
  { route: 'registry/import', label: 'registry.menu.import', icon: <CloudUploadOutlined />, group },
];
