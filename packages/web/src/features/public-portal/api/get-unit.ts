import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Figures, PeriodQuery, PeriodView, Published, RegionRef } from './types.ts';

export interface PublicUnit {
  unit: { id: number; name: string; code: string | null; regionCode: string; regionName: string };
  /** The unit's region and those above it, the province first. */
  regions: RegionRef[];
  period: PeriodView;
  formulaVersion: number;
  published: Published;
  figures: Figures;
  rank: { rank: number | null; ranked: number; listed: number; minVolume: number } | null;
  replies: number;
}

/** GET /api/public/disclosure/units/:id — a published unit's figures and place; 404 when not published. */
export const getUnit = (id: number, q: PeriodQuery, signal?: AbortSignal) =>
  apiRequest<PublicUnit>(`/public/disclosure/units/${id}`, { query: { period: q.period, date: q.date }, ...(signal ? { signal } : {}) });

export function useUnit(id: number, q: PeriodQuery) {
  return useQuery(`portal-unit:${id}:${q.period ?? ''}:${q.date ?? ''}`, (signal) => getUnit(id, q, signal));
}
