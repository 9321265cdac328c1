import { apiRequest } from '@/lib/api-client.ts';

export interface PairResult {
  deviceToken: string;
  device: { id: number; name: string };
  window: { id: number; name: string; hall: string | null };
}

/** Pairs this tablet with a one-time code. Throws ApiError TOKEN_INVALID (wrong, used, expired) or VALIDATION_FAILED. */
export function pairDevice(code: string): Promise<PairResult> {
  return apiRequest('/device/pair', { method: 'POST', body: { code }, handles401: true });
}
