import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { RatingFlag } from './list-flags.ts';

/** A rating of a flag: never who gave it. */
export interface FlaggedRating {
  id: number;
  caseId: number;
  caseNo: string;
  level: number;
  channel: string;
  tags: string[];
  text: string | null;
  submittedAt: string;
  windowId: number | null;
  staffId: number | null;
  realName: boolean;
  excludedAs: string | null;
}

export interface FlagDetail {
  flag: RatingFlag;
  ratings: FlaggedRating[];
}

/** GET /api/rating-flags/:id: one flag with its ratings. */
export function getFlag(id: number, signal?: AbortSignal): Promise<FlagDetail> {
  return apiRequest(`/rating-flags/${id}`, signal ? { signal } : {});
}

export function useFlag(id: number | null) {
  return useQuery(id === null ? null : `rating-flag:${id}`, (signal) => getFlag(id!, signal));
}
