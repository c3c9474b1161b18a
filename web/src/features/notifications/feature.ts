import type { Feature } from '../../platform/feature.ts';
import { notificationsEnUS } from './i18n.en-US.ts';
import { notificationsZhCN, type NotificationsMessageKey } from './i18n.zh-CN.ts';
import { notificationsMenu } from './menu.tsx';
import { notificationsRoutes } from './routes.tsx';

/** Outbound deliveries (SMS, WeChat): what was sent to whom (masked), and what failed. */
export const notificationsFeature: Feature<NotificationsMessageKey> = {
  id: 'notifications', routes: notificationsRoutes, menu: notificationsMenu, messages: { 'zh-CN': notificationsZhCN, 'en-US': notificationsEnUS },
};
