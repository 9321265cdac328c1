import { apiRequest } from '@/lib/api-client.ts';
import type { ImportKind } from './import-kinds.ts';

export interface ImportApplied {
  id: number;
  kind: ImportKind;
  filename: string;
  status: 'applied';
  rowsTotal: number;
  rowsApplied: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * POST /api/imports/:kind (multipart, field "file"): all rows or none. A file with problems is
 * rejected with ApiError IMPORT_FAILED whose `details` list every {row, column, reason}.
 */
export function runImport(kind: ImportKind, file: File): Promise<ImportApplied> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiRequest(`/imports/${kind}`, { method: 'POST', body });
}
