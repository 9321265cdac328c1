import { apiDownload } from '@/lib/api-client.ts';

export interface ExportRequest {
  format: 'csv' | 'json';
  /** Beijing dates YYYY-MM-DD, both inclusive; at most 366 days. */
  from: string;
  to: string;
  regionCode?: string;
}

/**
 * GET /api/evaluations/export: the GB/T 39046-2020 data set of a period as a download (permission
 * evaluation.export; the server writes the export to the audit log).
 */
export function exportEvaluations(r: ExportRequest): Promise<void> {
  return apiDownload('/evaluations/export', { query: { ...r } });
}
