import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { RevisitSample } from './list-samples.ts';

export interface SampleResults {
  tasks: number;
  pending: number;
  reached: number;
  notReached: number;
  bySatisfaction: Record<1 | 2 | 3 | 4 | 5, number>;
  meanSatisfaction: number | null;
  satisfiedRate: number | null;
  reachRate: number | null;
}

/** GET /api/revisit-samples/:id — a sample with its results. */
export const getSample = (id: number, signal?: AbortSignal) => apiRequest<{ sample: RevisitSample; results: SampleResults }>(`/revisit-samples/${id}`, { ...(signal ? { signal } : {}) });

export function useSample(id: number | null) {
  return useQuery(id ? `revisit-sample:${id}` : null, (signal) => getSample(id!, signal));
}
