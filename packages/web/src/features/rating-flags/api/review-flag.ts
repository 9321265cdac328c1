import { apiRequest } from '@/lib/api-client.ts';
import type { FlagDetail } from './get-flag.ts';

export type ReviewDecision = 'confirm' | 'dismiss';

/** POST /api/rating-flags/:id/review: confirm or dismiss with a reason (permission detection.review, audited). */
export function reviewFlag(id: number, decision: ReviewDecision, reason: string): Promise<FlagDetail> {
  return apiRequest(`/rating-flags/${id}/review`, { body: { decision, reason } });
}
