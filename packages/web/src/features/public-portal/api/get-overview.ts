import type { PublicUnitEntry } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Figures, PeriodQuery, PeriodView, Published, RegionRef } from './types.ts';

export interface Overview {
  region: RegionRef | null;
  parents: RegionRef[];
  children: RegionRef[];
  period: PeriodView;
  formulaVersion: number;
  policy: { regionCode: string; version: number };
  published: Published;
  totals: Figures | null;
  units: PublicUnitEntry[];
  ranking: { metric: 'satisfaction'; minVolume: number; priorWeight: number } | null;
}

/** GET /api/public/disclosure/overview — a region's published figures and ranked units (national without a code). */
export const getOverview = (q: PeriodQuery & { regionCode?: string | null }, signal?: AbortSignal) =>
  apiRequest<Overview>('/public/disclosure/overview', { query: { regionCode: q.regionCode, period: q.period, date: q.date }, ...(signal ? { signal } : {}) });

export function useOverview(q: PeriodQuery & { regionCode?: string | null }) {
  return useQuery(`portal-overview:${q.regionCode ?? ''}:${q.period ?? ''}:${q.date ?? ''}`, (signal) => getOverview(q, signal));
}
