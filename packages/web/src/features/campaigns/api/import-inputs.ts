import { apiDownload, apiRequest } from '@/lib/api-client.ts';

/**
 * POST /api/imports/campaign-inputs (multipart, field "file"): the rows name the campaign by region
 * and year; all rows or none. A rejected file is ApiError IMPORT_FAILED with every {row, column, reason}.
 */
export function importInputs(file: File): Promise<{ id: number; rowsTotal: number; rowsApplied: number; inserted: number }> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiRequest('/imports/campaign-inputs', { method: 'POST', body });
}

/** GET /api/imports/campaign-inputs/template — the header row as CSV or XLSX. */
export const downloadInputTemplate = (format: 'csv' | 'xlsx') => apiDownload('/imports/campaign-inputs/template', { query: { format } });
