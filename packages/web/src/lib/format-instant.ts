import type { Locale } from '@/i18n/dictionary.ts';

/** A date and time in Beijing time, as staff read it; '' for none. */
export function formatInstant(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}
