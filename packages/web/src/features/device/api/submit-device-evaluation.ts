import { apiRequest } from '@/lib/api-client.ts';
import { deviceHeaders } from '../device-token.ts';
import type { DeviceSubmission } from '../types.ts';

/**
 * Sends the evaluator's rating. The answer is only `{ ok: true }`; a retry with the same idempotency
 * key is answered the same. Throws ApiError TOKEN_INVALID (410) when the request expired or was
 * withdrawn, ALREADY_EVALUATED (409) when the case was rated meanwhile.
 */
export function submitDeviceEvaluation(token: string, requestId: number, s: DeviceSubmission): Promise<{ ok: true }> {
  return apiRequest(`/device/requests/${requestId}/evaluation`, { method: 'POST', body: s, headers: deviceHeaders(token), handles401: true });
}
