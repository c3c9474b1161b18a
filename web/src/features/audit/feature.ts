import type { Feature } from '../../platform/feature.ts';
import { auditEnUS } from './i18n.en-US.ts';
import { auditZhCN, type AuditMessageKey } from './i18n.zh-CN.ts';
import { auditMenu } from './menu.tsx';
import { auditRoutes } from './routes.tsx';

/** The audit log: search and chain verification. */
export const auditFeature: Feature<AuditMessageKey> = {
  id: 'audit', routes: auditRoutes, menu: auditMenu, messages: { 'zh-CN': auditZhCN, 'en-US': auditEnUS },
};
