import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Evaluation } from './list-evaluations.ts';

/** GET /api/evaluations/:id: one rating; never who rated. */
export function getEvaluation(id: number, signal?: AbortSignal): Promise<Evaluation> {
  return apiRequest(`/evaluations/${id}`, signal ? { signal } : {});
}

export function useEvaluation(id: number | null) {
  return useQuery(id === null ? null : `evaluation:${id}`, (signal) => getEvaluation(id!, signal));
}
