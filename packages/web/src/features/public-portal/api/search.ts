import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Figures, PeriodQuery, PeriodView } from './types.ts';

export interface SearchResult {
  q: string;
  period: PeriodView;
  units: { id: number; name: string; regionCode: string; regionName: string; figures: Figures }[];
  items: { code: string; name: string; itemType: string; promisedDays: number; regionCode: string; regionName: string; unit: { id: number; name: string }; figures: Figures }[];
}

/** GET /api/public/disclosure/search?q= — units and service items by name or code (20 of each at most). */
export const searchPortal = (q: string, p: PeriodQuery, signal?: AbortSignal) =>
  apiRequest<SearchResult>('/public/disclosure/search', { query: { q, period: p.period, date: p.date }, ...(signal ? { signal } : {}) });

export function useSearch(q: string, p: PeriodQuery) {
  const text = q.trim();
  return useQuery(text ? `portal-search:${text}:${p.period ?? ''}:${p.date ?? ''}` : null, (signal) => searchPortal(text, p, signal));
}
