import { apiRequest } from '@/lib/api-client.ts';

/** POST /api/public/windows/:key/otp — the same answer whether or not a code was sent. */
export const requestCode = (key: string, phone: string) =>
  apiRequest<{ ok: boolean; validMinutes: number }>(`/public/windows/${encodeURIComponent(key)}/otp`, { method: 'POST', body: { phone } });
