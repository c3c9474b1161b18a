import type { Feature } from '../../platform/feature.ts';
import { commandEnUS } from './i18n.en-US.ts';
import { commandZhCN, type CommandMessageKey } from './i18n.zh-CN.ts';
import { commandMenu } from './menu.tsx';
import { commandRoutes } from './routes.tsx';

/** The command centre: the landing page of leaders and district/street staff, and its wall display. */
export const commandFeature: Feature<CommandMessageKey> = {
  id: 'command', routes: commandRoutes, menu: commandMenu, messages: { 'zh-CN': commandZhCN, 'en-US': commandEnUS },
};
