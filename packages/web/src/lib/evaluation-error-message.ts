import type { I18n } from '@/i18n/i18n-context.ts';
import { ApiError } from './api-client.ts';
import { errorMessage } from './error-message.ts';

/** Error codes of the evaluation APIs that the console words itself (see packages/server/src/errors.ts). */
const EVALUATION_CODES = {
  EVALUATION_NOT_OPEN: 'evaluations.error.notOpen',
  ALREADY_EVALUATED: 'evaluations.error.alreadyEvaluated',
  DEVICE_NOT_PAIRED: 'evaluations.error.deviceNotPaired',
} as const;

/**
 * A message for a failed evaluation, policy or device call: the evaluation-specific codes in the
 * console's words, everything else as errorMessage says. Kept apart from errorMessage so the citizen
 * and device pages, which share that file, do not carry these messages.
 */
export function evaluationErrorMessage(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError && error.code in EVALUATION_CODES) return t(EVALUATION_CODES[error.code as keyof typeof EVALUATION_CODES], { message: error.message });
  return errorMessage(error, t);
}
