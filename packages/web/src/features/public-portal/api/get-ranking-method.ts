import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Label } from './types.ts';

export interface RankingMethod {
  formulaVersion: number;
  regionCode: string;
  policyVersion: number;
  minVolume: number;
  priorWeight: number;
  text: Label;
}

/** GET /api/public/ranking-method — the method text with a region's numbers (national by default). */
export const getRankingMethod = (regionCode: string | null, signal?: AbortSignal) =>
  apiRequest<RankingMethod>('/public/ranking-method', { query: { regionCode }, ...(signal ? { signal } : {}) });

export function useRankingMethod(regionCode: string | null) {
  return useQuery(`portal-method:${regionCode ?? ''}`, (signal) => getRankingMethod(regionCode, signal));
}
