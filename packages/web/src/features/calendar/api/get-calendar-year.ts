import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export interface CalendarDay {
  date: string;
  working: boolean;
  /** 'base': the official calendar; 'override': a correction saved here or in a region above. */
  source: string;
  name?: string;
}

export interface CalendarYear {
  regionCode: string;
  year: number;
  /** False while the State Council's arrangement for this year is not loaded. */
  official: boolean;
  workingDays: number;
  days: CalendarDay[];
}

/** GET /api/calendar/:regionCode/days?year=: every day of a year for a region ('national' for the national layer). */
export function getCalendarYear(regionCode: string, year: number, signal?: AbortSignal): Promise<CalendarYear> {
  return apiRequest(`/calendar/${encodeURIComponent(regionCode)}/days`, { query: { year }, ...(signal ? { signal } : {}) });
}

export function useCalendarYear(regionCode: string | null, year: number, round: number) {
  return useQuery(regionCode ? `calendar:${regionCode}:${year}:${round}` : null, (signal) => getCalendarYear(regionCode!, year, signal));
}
