import { apiRequest } from '@/lib/api-client.ts';

export interface DayChange {
  date: string;
  /** The last day of a range, inclusive. */
  to?: string;
  kind: 'holiday' | 'workday' | 'clear';
  name?: string;
}

/**
 * POST /api/calendar/:regionCode/overrides: saves holidays, extra working days or the removal of a
 * correction as a new version of this region's corrections (needs calendar.write; the national layer
 * only for a system administrator).
 */
export function saveCalendarOverrides(regionCode: string, days: DayChange[], note?: string): Promise<{ version: number; days: number }> {
  return apiRequest(`/calendar/${encodeURIComponent(regionCode)}/overrides`, { method: 'POST', body: { days, ...(note?.trim() ? { note: note.trim() } : {}) } });
}
