import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { ImportSummary } from './list-imports.ts';

export interface RowError {
  row: number;
  column?: string;
  reason: string;
}

/** GET /api/imports/:id: one import with its full error report. */
export function getImport(id: number, signal?: AbortSignal): Promise<Omit<ImportSummary, 'errorCount'> & { errors: RowError[] }> {
  return apiRequest(`/imports/${id}`, signal ? { signal } : {});
}

export function useImport(id: number | null) {
  return useQuery(id === null ? null : `import:${id}`, (signal) => getImport(id!, signal));
}
