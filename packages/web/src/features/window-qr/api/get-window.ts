import { apiRequest } from '@/lib/api-client.ts';

export interface WindowInfo {
  name: string;
  hallName: string | null;
  regionName: string | null;
  units: string[];
  otpValidMinutes: number;
  lookbackDays: number;
}

/** GET /api/public/windows/:key — the window behind a QR code; 404 for an unknown or closed one. */
export const getWindow = (key: string, signal?: AbortSignal) => apiRequest<WindowInfo>(`/public/windows/${encodeURIComponent(key)}`, signal ? { signal } : {});
