import type { I18n } from '@/i18n/i18n-context.ts';
import type { Locale, MessageKey } from '@/i18n/dictionary.ts';
import { ApiError } from '@/lib/api-client.ts';
import { errorMessage } from '@/lib/error-message.ts';

/**
 * The last day of a deadline, in Beijing: deadlines are exclusive ends of a working day (00:00 of the
 * next day), so the day shown is the one before that instant, "inclusive".
 */
export function dueDay(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(new Date(iso).getTime() - 1));
}

/** "3 working days left", "due today", "overdue by 2 working days", from the API's signed count. */
export function countdown(workingDaysLeft: number | null, t: I18n['t']): string {
  if (workingDaysLeft === null) return t('wo.noDeadline');
  if (workingDaysLeft > 0) return t('wo.left', { n: workingDaysLeft });
  if (workingDaysLeft === 0) return t('wo.dueToday');
  return t('wo.overdueBy', { n: -workingDaysLeft });
}

const WORK_ORDER_CODES = new Set(['ILLEGAL_TRANSITION', 'REQUEST_PENDING', 'EXTENSION_LIMIT_EXCEEDED', 'APPEAL_WINDOW_CLOSED', 'REQUEST_DECIDED']);

/** A message for a failed step or request: the closed loop's own codes, else the console's. */
export function workOrderErrorMessage(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError && WORK_ORDER_CODES.has(error.code)) return t(`wo.error.${error.code}` as MessageKey, { message: error.message });
  return errorMessage(error, t);
}

/** A timeline step's name; an action this console does not know keeps its code. */
export function eventName(action: string, t: I18n['t']): string {
  const key = `wo.event.${action}` as MessageKey;
  const text = t(key);
  return text === key ? action : text;
}

/** File sizes as people read them. */
export function fileSize(bytes: number, locale: Locale): string {
  const fmt = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / 1024 / 1024)} MB`;
}
