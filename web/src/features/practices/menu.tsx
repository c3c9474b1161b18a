import { BulbOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../platform/feature.ts';
import type { PracticesMessageKey } from './i18n.zh-CN.ts';

const group = { key: 'practices', label: 'menu.practices', order: 35 } as const;

export const practicesMenu: MenuEntry<PracticesMessageKey>[] = [{ route: 'practices', label: 'menu.practices', icon: <BulbOutlined />, group }];
