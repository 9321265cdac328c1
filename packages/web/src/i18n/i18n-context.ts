import { createContext, useContext } from 'react';
import type { Locale, MessageKey } from './dictionary.ts';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The message for `key` in the current language, with `{name}` placeholders filled from `vars`. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
}

export const I18nContext = createContext<I18n | null>(null);

/**
 * The current language and its messages.
 * @example
 * const { t } = useI18n();
 * <h1>{t('home.title', { name: user.displayName })}</h1>
 */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
