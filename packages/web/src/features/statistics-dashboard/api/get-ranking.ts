import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { PeriodQuery, SliceFilter } from './get-statistics.ts';

export type RankingLevel = 'unit' | 'window' | 'staff' | 'item' | 'region';
export type RankingMetric = 'satisfaction' | 'badRate';

export type RankingQuery = PeriodQuery & SliceFilter & { level: RankingLevel; metric: RankingMetric };

export interface RankingItem {
  rank: number | null;
  ranked: boolean;
  key: string;
  label: string | null;
  volume: number;
  raw: number | null;
  smoothed: number | null;
}

export interface RankingResult {
  formulaVersion: number;
  level: RankingLevel;
  metric: RankingMetric;
  period: { from: string; to: string; days: number };
  method: { minVolume: number; priorWeight: number; prior: number | null; policyRegionCode: string; policyVersion: number; text: { zh: string; en: string } };
  items: RankingItem[];
}

/** GET /api/rankings: a fair ranking in the viewer's scope (permission ranking.read). */
export function getRanking(q: RankingQuery, signal?: AbortSignal): Promise<RankingResult> {
  return apiRequest<RankingResult>('/rankings', { query: { ...q }, ...(signal ? { signal } : {}) });
}

export function useRanking(q: RankingQuery | null) {
  return useQuery(q ? `ranking:${JSON.stringify(q)}` : null, (signal) => getRanking(q!, signal));
}
