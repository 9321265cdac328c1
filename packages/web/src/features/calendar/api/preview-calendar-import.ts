import { apiRequest } from '@/lib/api-client.ts';

export interface DayState {
  working: boolean;
  name: string | null;
}

export interface CalendarImportPreview {
  year: number;
  format: 'csv' | 'ics';
  /** Days listed in the file, of which holidays and make-up working days. */
  days: number;
  holidays: number;
  workdays: number;
  /** The region's latest version now; applying with it refuses a calendar changed since. */
  baseVersion: number;
  /** Rows the new version would hold; 0 when the calendar already matches the file. */
  writes: number;
  changes: { date: string; before: DayState; after: DayState }[];
}

/** The file of a calendar import as multipart/form-data (field "file"). */
export function arrangementBody(file: File): FormData {
  const body = new FormData();
  body.append('file', file, file.name);
  return body;
}

/**
 * POST /api/calendar/:regionCode/imports/preview?year= (multipart "file"): checks a year's holiday
 * arrangement file (CSV or .ics) and lists the days it would change; nothing is written. A bad file is
 * ApiError IMPORT_FAILED with every {row, column, reason}.
 */
export function previewCalendarImport(regionCode: string, year: number, file: File): Promise<CalendarImportPreview> {
  return apiRequest(`/calendar/${encodeURIComponent(regionCode)}/imports/preview`, { method: 'POST', query: { year }, body: arrangementBody(file) });
}
