import type { Locale } from '@/i18n/dictionary.ts';

/**
 * A date and time in Beijing time, as staff read it; '' for none. Every page formats instants
 * here, so the time zone is always Asia/Shanghai (not the browser's) and the style follows the
 * language: 2026年11月22日 16:51 in Chinese, Nov 22, 2026, 4:51 PM in English.
 */
export function formatInstant(
  iso: string | null | undefined,
  locale: Locale,
  style: Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'> = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { ...style, timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

/** A number for the language (grouping, decimal sign), with at most `digits` decimals ('—' for none). */
export function formatNumber(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
