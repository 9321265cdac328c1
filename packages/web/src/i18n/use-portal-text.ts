import { useCallback, useMemo } from 'react';
import { format } from './dictionary.ts';
import { useI18n } from './i18n-context.ts';
import { PORTAL_MESSAGES, type PortalMessageKey } from './portal-messages.ts';

/**
 * The public portal's words in the current language, a zh/en label in it, and numbers, shares and
 * dates formatted for the locale.
 * @example
 * const { t, percent } = usePortalText();
 * <dd>{percent(figures.badRate)}</dd>
 */
export function usePortalText() {
  const { locale } = useI18n();
  const t = useCallback((key: PortalMessageKey, vars?: Record<string, string | number>) => format(PORTAL_MESSAGES[locale][key], vars), [locale]);
  const label = useCallback((l: { zh: string; en: string }) => (locale === 'zh-CN' ? l.zh : l.en || l.zh), [locale]);
  const formats = useMemo(
    () => ({
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
      score: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      integer: new Intl.NumberFormat(locale),
      date: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
    }),
    [locale],
  );
  /** A share 0…1 as a percentage; "—" for null (nothing to divide by). */
  const percent = useCallback((v: number | null | undefined) => (v === null || v === undefined ? '—' : formats.percent.format(v)), [formats]);
  /** A 满意度 score (20…100) with one decimal and its unit. */
  const score = useCallback((v: number | null | undefined) => (v === null || v === undefined ? '—' : t('pp.points', { n: formats.score.format(v) })), [formats, t]);
  const integer = useCallback((v: number) => formats.integer.format(v), [formats]);
  /** A calendar date YYYY-MM-DD (already a Beijing date) in the local style. */
  const date = useCallback((d: string) => formats.date.format(new Date(`${d}T00:00:00Z`)), [formats]);
  return { t, label, percent, score, integer, date, locale };
}

export type PortalText = ReturnType<typeof usePortalText>;
