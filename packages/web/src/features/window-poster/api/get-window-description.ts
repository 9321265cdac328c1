import { apiRequest } from '@/lib/api-client.ts';

/** What a citizen sees when scanning the code: the window's name, its hall, region and the units serving there. */
export interface WindowDescription {
  name: string;
  hallName: string | null;
  regionName: string | null;
  units: string[];
}

/** GET /api/public/windows/:key: the same description the QR page shows, so the poster matches it. */
export function getWindowDescription(publicKey: string, signal?: AbortSignal): Promise<WindowDescription> {
  return apiRequest(`/public/windows/${encodeURIComponent(publicKey)}`, signal ? { signal } : {});
}
