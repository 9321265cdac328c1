import { apiRequest } from '@/lib/api-client.ts';
import { arrangementBody } from './preview-calendar-import.ts';

export interface CalendarImportApplied {
  /** False when the calendar already matched the file: no version was written. */
  applied: boolean;
  version: number;
  days: number;
  changes: number;
}

/**
 * POST /api/calendar/:regionCode/imports?year=&baseVersion= (multipart "file"): applies the previewed
 * file as one new version; a calendar changed since the preview is ApiError CONFLICT.
 */
export function applyCalendarImport(regionCode: string, year: number, file: File, baseVersion: number): Promise<CalendarImportApplied> {
  return apiRequest(`/calendar/${encodeURIComponent(regionCode)}/imports`, { method: 'POST', query: { year, baseVersion }, body: arrangementBody(file) });
}
