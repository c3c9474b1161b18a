import { features, type FeatureMessageKey } from '../../features/index.ts';
import { platformEnUS } from './messages.en-US.ts';
import { platformZhCN, type PlatformMessageKey } from './messages.zh-CN.ts';

export type Locale = 'zh-CN' | 'en-US';
export type MessageParams = Record<string, string | number>;
/** Every key of the platform's and the features' catalogues (zh-CN is the reference). */
export type MessageKey = PlatformMessageKey | FeatureMessageKey;

const STORAGE_KEY = 'gongzhi.locale';

// One catalogue per language: the platform's messages and each feature's, merged once.
function merge(locale: Locale): Record<MessageKey, string> {
  const platform: Record<PlatformMessageKey, string> = locale === 'zh-CN' ? platformZhCN : platformEnUS;
  return Object.assign({}, platform, ...features.map((feature) => feature.messages[locale])) as Record<MessageKey, string>;
}
const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': merge('zh-CN'), 'en-US': merge('en-US') };

function readStoredLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

// The current locale lives here, outside React, so the API client can send it on every call.
let current: Locale = readStoredLocale();

export function getLocale(): Locale {
  return current;
}

/** Switches the locale and remembers the choice in this browser. */
export function storeLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogues['zh-CN'], key);
}

/** The message for a key in a locale, with {placeholders} filled from params. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
