import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { ImportKind } from './import-kinds.ts';

export interface ImportSummary {
  id: number;
  kind: ImportKind;
  filename: string;
  status: 'applied' | 'rejected';
  rowsTotal: number;
  rowsApplied: number;
  createdBy: number | null;
  createdAt: string;
  errorCount: number;
}

/** GET /api/imports: the import history, newest first (one's own unless one has no data scope). */
export async function listImports(query: { kind?: ImportKind; limit: number; offset: number }, signal?: AbortSignal): Promise<ImportSummary[]> {
  const { items } = await apiRequest<{ items: ImportSummary[] }>('/imports', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useImports(query: { kind?: ImportKind; limit: number; offset: number }, round: number) {
  return useQuery(`imports:${JSON.stringify(query)}:${round}`, (signal) => listImports(query, signal));
}
