import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** A suggestion from the box (意见箱): answers by question code, the free text, a masked contact phone. */
export interface Suggestion {
  id: number;
  regionCode: string | null;
  regionName: string | null;
  orgName: string | null;
  windowName: string | null;
  answers: Record<string, number>;
  text: string | null;
  contactPhone: string | null;
  policyVersion: number | null;
  createdAt: string;
}

export interface SuggestionQuery {
  regionCode?: string;
  unitId?: number;
  beforeId?: number;
  limit: number;
}

/** GET /api/suggestions: suggestions in the caller's data scope, newest first (permission case.read). */
export async function listSuggestions(query: SuggestionQuery, signal?: AbortSignal): Promise<Suggestion[]> {
  const { items } = await apiRequest<{ items: Suggestion[] }>('/suggestions', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useSuggestions(query: SuggestionQuery) {
  return useQuery(`suggestions:${JSON.stringify(query)}`, (signal) => listSuggestions(query, signal));
}
