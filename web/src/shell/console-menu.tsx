import type { ReactNode } from 'react';
import { features } from '../features/index.ts';
import type { Feature, MenuGroup } from '../platform/feature.ts';
import type { Permission } from '#server/platform/auth/roles.ts';
import type { MessageKey } from '../platform/i18n/index.tsx';

export interface ConsoleMenuItem {
  path: string;
  /** The permission of the route the entry opens: written once, on the route. */
  permission: Permission | undefined;
  label: MessageKey;
  icon: ReactNode;
  group: MenuGroup<MessageKey>;
}

// Menus and routes only: a feature's messages are the i18n core's business.
const menuFeatures: readonly Omit<Feature<MessageKey>, 'messages'>[] = features;

function menuOf(feature: Omit<Feature<MessageKey>, 'messages'>): ConsoleMenuItem[] {
  return (feature.menu ?? []).map((entry) => {
    const route = feature.routes.console?.find((r) => r.path === entry.route);
    if (!route) throw new Error(`menu entry ${entry.route} of ${feature.id} has no console route`);
    return { path: `/console/${entry.route}`, permission: route.permission, label: entry.label, icon: entry.icon, group: entry.group };
  });
}

/** The console's menu, group by group (the first entry is /console's home); each entry shows only to holders of its page's permission. */
export const consoleMenu: ConsoleMenuItem[] = menuFeatures.flatMap(menuOf).sort((a, b) => a.group.order - b.group.order);

export function allowedMenu(can: (permission: Permission) => boolean): ConsoleMenuItem[] {
  return consoleMenu.filter((item) => !item.permission || can(item.permission));
}

/** The allowed entries by group, groups in their order. */
export function menuGroups(items: ConsoleMenuItem[]): { group: MenuGroup<MessageKey>; items: ConsoleMenuItem[] }[] {
  const groups = new Map<string, { group: MenuGroup<MessageKey>; items: ConsoleMenuItem[] }>();
  for (const item of items) {
    const entry = groups.get(item.group.key) ?? { group: item.group, items: [] };
    entry.items.push(item);
    groups.set(item.group.key, entry);
  }
  return [...groups.values()];
}
