import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export interface CalendarVersion {
  version: number;
  days: number;
  createdAt: string;
  createdBy: string | null;
}

/** GET /api/calendar/:regionCode/versions: the versions of this region's own corrections. */
export async function listCalendarVersions(regionCode: string, signal?: AbortSignal): Promise<CalendarVersion[]> {
  const { items } = await apiRequest<{ items: CalendarVersion[] }>(`/calendar/${encodeURIComponent(regionCode)}/versions`, signal ? { signal } : {});
  return items;
}

export function useCalendarVersions(regionCode: string | null, round: number) {
  return useQuery(regionCode ? `calendar-versions:${regionCode}:${round}` : null, (signal) => listCalendarVersions(regionCode!, signal));
}
