import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Case } from './list-cases.ts';

export interface CaseDetail extends Case {
  stages: { stage: string; at: string; recordedAt: string }[];
}

/** GET /api/cases/:id: one case with its stage events, personal data masked. */
export function getCase(id: number, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest(`/cases/${id}`, signal ? { signal } : {});
}

export function useCase(id: number | null) {
  return useQuery(id === null ? null : `case:${id}`, (signal) => getCase(id!, signal));
}
