import { apiDownload } from '@/lib/api-client.ts';

/** GET /api/reports/:id/files/:format — a ready report as XLSX or PDF, saved as a download. */
export const downloadReport = (id: number, format: 'xlsx' | 'pdf') => apiDownload(`/reports/${id}/files/${format}`);
