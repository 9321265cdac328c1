import { apiRequest } from '@/lib/api-client.ts';
import { useAsync } from '@/lib/use-async.ts';

/** 行政区划 as GET /api/regions/:code returns it. */
export interface Region {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  path?: string[];
}

export function getRegion(code: string, signal?: AbortSignal): Promise<Region> {
  return apiRequest(`/regions/${encodeURIComponent(code)}`, signal ? { signal } : {});
}

/** The region with this code; nothing is loaded for null. */
export function useRegion(code: string | null) {
  return useAsync(code, (signal) => getRegion(code!, signal));
}
