import type { CitizenText } from '@/i18n/use-citizen-text.ts';
import { ApiError } from '@/lib/api-client.ts';

/** What to tell the evaluator about a failed step of the QR flow. */
export function qrErrorText(err: unknown, { t }: Pick<CitizenText, 't'>, lookbackDays: number): string {
  if (!(err instanceof ApiError)) return t('cz.failed', { message: err instanceof Error ? err.message : String(err) });
  if (err.code === 'NETWORK_ERROR') return t('cz.network');
  if (err.code === 'RATE_LIMITED') return t('cz.rateLimited');
  if (err.code === 'TOKEN_INVALID') {
    const reason = err.details[0]?.reason;
    return t(reason === 'wrong' ? 'qr.code.wrong' : reason === 'locked' ? 'qr.code.locked' : reason === 'expired' ? 'qr.code.expired' : 'qr.code.unknown');
  }
  if (err.code === 'NOT_FOUND') return t('qr.notFound', { days: lookbackDays });
  if (err.code === 'VALIDATION_FAILED' && err.field === 'phone') return t('qr.phoneFormat');
  if (err.code === 'VALIDATION_FAILED' && err.field === 'code') return t('qr.codeFormat');
  return t('cz.failed', { message: err.message });
}
