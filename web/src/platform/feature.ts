// What a feature of the web app declares, so the app and the console menu are built by
// iterating web/src/features/index.ts (as the server mounts src/modules/index.ts).
// Type-only imports here: feature definitions are read by the i18n core at start-up and
// must not pull React screens into the first chunk.
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Permission } from '#server/platform/auth/roles.ts';
import type { Locale } from './i18n/locale.ts';
import type { PlatformMessageKey } from './i18n/messages.zh-CN.ts';

/** A screen loaded on first use: every page is its own chunk. */
export type LazyComponent = LazyExoticComponent<ComponentType>;

export interface FeatureRoute {
  /** Below its surface: `cases/:id` under /console, `report` under /m or /portal; from `/` for root routes. */
  path: string;
  page: LazyComponent;
  /** Who may open the page (others get 403); the console menu entry for it follows the same permission. */
  permission?: Permission;
}

export interface RootRoute extends FeatureRoute {
  /** public: anyone; signed-in: after sign-in; password-change: also while a new password is still due. */
  access: 'public' | 'signed-in' | 'password-change';
}

export interface FeatureRoutes {
  /** In the staff console's layout, signed in. */
  console?: FeatureRoute[];
  /** The grid worker's phone pages under /m, signed in. */
  mobile?: FeatureRoute[];
  /** The residents' pages under /portal, open to anyone. */
  portal?: FeatureRoute[];
  root?: RootRoute[];
}

export interface MenuGroup<K extends string> {
  key: string;
  label: K;
  /** Groups are listed by this number, the first entry of the first group is /console's home. */
  order: number;
}

export interface MenuEntry<K extends string> {
  /** The path of one of the feature's console routes; the entry shows to holders of that route's permission. */
  route: string;
  label: K;
  icon: ReactNode;
  group: MenuGroup<K | PlatformMessageKey>;
}

/** A part of a surface's home page (/m or /portal), placed by `order`. */
export interface HomeSection {
  order: number;
  /** On /portal, `hero` places the section in the blue band above the page's main column. */
  area?: 'hero';
  /** Its place in the elderly mode (长辈版), where the most used services come first; `order` when not given. */
  elderOrder?: number;
  component: LazyComponent;
}

export interface Feature<K extends string> {
  id: string;
  routes: FeatureRoutes;
  menu?: MenuEntry<K>[];
  /** zh-CN is the reference; the i18n core merges every feature's messages. */
  messages: Record<Locale, Record<K, string>>;
  mobileHome?: HomeSection[];
  portalHome?: HomeSection[];
  /** Widgets in the console's and /m's header, such as the notification bell. */
  header?: LazyComponent[];
}

/** The console menu group of the system administration pages, shared by several features. */
export const systemMenuGroup = { key: 'system', label: 'menu.groupSystem', order: 40 } as const satisfies MenuGroup<PlatformMessageKey>;
