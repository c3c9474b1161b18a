import { MessageOutlined } from '@ant-design/icons';
import { systemMenuGroup, type MenuEntry } from '../../platform/feature.ts';
import type { NotificationsMessageKey } from './i18n.zh-CN.ts';

export const notificationsMenu: MenuEntry<NotificationsMessageKey>[] = [{ route: 'deliveries', label: 'menu.deliveries', icon: <MessageOutlined />, group: systemMenuGroup }];
