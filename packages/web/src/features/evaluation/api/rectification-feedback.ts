import { apiRequest } from '@/lib/api-client.ts';
import type { Label } from './get-evaluation-form.ts';

export type FeedbackStage = 'handling' | 'awaiting_revisit' | 'resolved' | 'unresolved' | 'closed';

/** The evaluator's page of a work order (整改反馈): the unit's feedback, the progress and the revisit form. */
export interface FeedbackPage {
  itemName: string;
  unitName: string;
  completedAt: string | null;
  rating: { level: number; label: Label; tags: (Label & { code: string })[]; submittedAt: string };
  stage: FeedbackStage;
  decision: string | null;
  reviewRound: number;
  maxReviews: number;
  steps: { step: string; at: string; text: string | null; byEvaluator: boolean }[];
  latest: { level: number; label: Label; submittedAt: string; mistaken: boolean } | null;
  /** The unit has given feedback: the evaluator may answer the revisit (回访). */
  revisitOpen: boolean;
  expiresAt: string;
  form: {
    levels: (Label & { level: number; bad: boolean })[];
    tags: (Label & { code: string; level: number })[];
    textMaxLength: number;
  };
}

export interface RevisitAnswer {
  satisfied: boolean;
  level?: number;
  tags?: string[];
  text?: string | null;
  mistaken?: boolean;
  /** The same key on every retry of one answer, so it is recorded once. */
  idempotencyKey: string;
}

/** GET /api/public/feedback/:token — 410 TOKEN_INVALID (details[0].reason unknown | expired) for a bad link. */
export const getFeedbackPage = (token: string, signal?: AbortSignal) =>
  apiRequest<FeedbackPage>(`/public/feedback/${encodeURIComponent(token)}`, signal ? { signal } : {});

/** POST /api/public/feedback/:token/revisit — answers the page as it then is; 409 ILLEGAL_TRANSITION when the revisit is not open. */
export const answerRevisit = (token: string, body: RevisitAnswer) =>
  apiRequest<FeedbackPage>(`/public/feedback/${encodeURIComponent(token)}/revisit`, { method: 'POST', body });
