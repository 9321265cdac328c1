import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export type FlagStatus = 'pending' | 'confirmed' | 'dismissed';

/** A flag of the manipulation detectors (刷评 / 恶意评价) as GET /api/rating-flags gives it. */
export interface RatingFlag {
  id: number;
  detector: string;
  subject: string;
  unitId: number;
  unitName: string;
  regionCode: string;
  score: number;
  reason: { zh: string; en: string };
  evidence: Record<string, number | string>;
  ratingCount: number;
  firstAt: string;
  lastAt: string;
  status: FlagStatus;
  createdAt: string;
  reviewedBy: number | null;
  reviewedAt: string | null;
  reviewReason: string | null;
}

export interface FlagQuery {
  status?: FlagStatus;
  detector?: string;
  limit: number;
  offset: number;
}

/** GET /api/rating-flags: the review queue in the user's scope, newest first (permission detection.read). */
export async function listFlags(q: FlagQuery, signal?: AbortSignal): Promise<RatingFlag[]> {
  const { items } = await apiRequest<{ items: RatingFlag[] }>('/rating-flags', { query: { ...q }, ...(signal ? { signal } : {}) });
  return items;
}

export function useFlags(q: FlagQuery) {
  return useQuery(`rating-flags:${JSON.stringify(q)}`, (signal) => listFlags(q, signal));
}
