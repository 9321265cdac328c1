import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** A 监督查评 sample: evaluators of a region and period drawn with a stored seed. */
export interface RevisitSample {
  id: number;
  regionCode: string;
  periodKind: 'month' | 'quarter';
  period: string;
  from: string;
  to: string;
  seed: string;
  requestedSize: number;
  population: number;
  createdAt: string;
}

/** GET /api/revisit-samples — samples of the regions in the caller's scope (permission revisit.read). */
export const listSamples = (q: { regionCode?: string; limit: number; offset: number }, signal?: AbortSignal) =>
  apiRequest<{ items: RevisitSample[] }>('/revisit-samples', { query: { ...q }, ...(signal ? { signal } : {}) }).then((r) => r.items);

export function useSamples(q: { regionCode?: string; limit: number; offset: number }) {
  return useQuery(`revisit-samples:${JSON.stringify(q)}`, (signal) => listSamples(q, signal));
}
