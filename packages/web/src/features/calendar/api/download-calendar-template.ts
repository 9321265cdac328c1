import { apiDownload } from '@/lib/api-client.ts';

/** GET /api/calendar/import-template?year=: the CSV template (date,type,name) of a year, saved as a download. */
export function downloadCalendarTemplate(year: number): Promise<void> {
  return apiDownload('/calendar/import-template', { query: { year } });
}
