import { AuditOutlined } from '@ant-design/icons';
import { systemMenuGroup, type MenuEntry } from '../../platform/feature.ts';
import type { AuditMessageKey } from './i18n.zh-CN.ts';

export const auditMenu: MenuEntry<AuditMessageKey>[] = [{ route: 'audit', label: 'menu.audit', icon: <AuditOutlined />, group: systemMenuGroup }];
