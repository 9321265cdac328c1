import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { storage } from '@/lib/storage.ts';
import { DEFAULT_LOCALE, DICTIONARIES, format, isLocale, type Locale, type MessageKey } from './dictionary.ts';
import { I18nContext, type I18n } from './i18n-context.ts';

const STORAGE_KEY = 'hcp.locale';

/** The stored language, or zh-CN. Also used before the first render to set <html lang>. */
export function initialLocale(): Locale {
  const stored = storage.get(STORAGE_KEY);
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storage.set(STORAGE_KEY, next);
    // At once, not only in the effect: Preact (the public pages) runs effects after the next paint.
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = DICTIONARIES[locale];
    return { locale, setLocale, t: (key: MessageKey, vars?: Record<string, string | number>) => format(messages[key] ?? key, vars) };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
