import type { I18n } from '@/i18n/i18n-context.ts';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { ApiError } from './api-client.ts';

const KNOWN = new Set<string>([
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_REFERENCE',
  'IMPORT_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NETWORK_ERROR',
]);

/** A message for the user from an error code, in the current language. */
export function errorMessage(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError && KNOWN.has(error.code)) return t(`error.${error.code}` as MessageKey, { message: error.message });
  return t('error.unknown', { message: error instanceof Error ? error.message : String(error) });
}
