import { useCallback } from 'react';
import { CITIZEN_MESSAGES, type CitizenMessageKey } from './citizen-messages.ts';
import { format } from './dictionary.ts';
import { useI18n } from './i18n-context.ts';

/**
 * The citizen pages' words in the current language, a label of the policy (zh/en) in it, and a
 * date in the local style.
 * @example
 * const { t, label } = useCitizenText();
 * <legend>{t('ev.levels')}</legend> … {label(level)}
 */
export function useCitizenText() {
  const { locale } = useI18n();
  const t = useCallback((key: CitizenMessageKey, vars?: Record<string, string | number>) => format(CITIZEN_MESSAGES[locale][key], vars), [locale]);
  const label = useCallback((l: { zh: string; en: string }) => (locale === 'zh-CN' ? l.zh : l.en || l.zh), [locale]);
  const date = useCallback(
    (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '—'),
    [locale],
  );
  return { t, label, date, locale };
}

export type CitizenText = ReturnType<typeof useCitizenText>;
