import { apiDownload } from '@/lib/api-client.ts';

/**
 * GET /api/evaluations/:id/scan: the scan of a paper form as a download (permission pii.unmask). It
 * may carry the evaluator's handwriting and name, so the reason, 5–200 characters, is audited.
 */
export function downloadScan(id: number, reason: string): Promise<void> {
  return apiDownload(`/evaluations/${id}/scan`, { query: { reason: reason.trim() } });
}
