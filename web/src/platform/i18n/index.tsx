import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { getLocale, storeLocale, translate, type Locale, type MessageParams } from './locale.ts';
import type { MessageKey } from './locale.ts';

export type { Locale, MessageKey, MessageParams } from './locale.ts';
export { isMessageKey } from './locale.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Holds the UI language; the choice is remembered in localStorage and sent to the API. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(getLocale);
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The translate function of the current language: `const t = useT(); t('menu.org')`. */
export function useT(): Translate {
  return useI18n().t;
}
