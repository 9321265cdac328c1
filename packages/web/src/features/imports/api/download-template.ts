import { apiDownload } from '@/lib/api-client.ts';
import type { ImportKind } from './import-kinds.ts';

/** GET /api/imports/:kind/template?format=: an empty file with the header row, saved as a download. */
export function downloadTemplate(kind: ImportKind, format: 'csv' | 'xlsx'): Promise<void> {
  return apiDownload(`/imports/${kind}/template`, { query: { format } });
}
