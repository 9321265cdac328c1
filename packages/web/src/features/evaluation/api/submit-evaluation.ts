import { apiRequest } from '@/lib/api-client.ts';

export interface EvaluationSubmission {
  level: number;
  tags: string[];
  text: string | null;
  scores: Record<string, number>;
  /** The same key on every retry of one submission, so it is stored once. */
  idempotencyKey: string;
}

export interface RecordedEvaluation {
  id: number;
  round: number;
  bad: boolean;
  submittedAt: string;
}

/** POST /api/public/evaluate/:token — single use; a retry with the same key returns the first answer. */
export const submitEvaluation = (token: string, body: EvaluationSubmission) =>
  apiRequest<RecordedEvaluation>(`/public/evaluate/${encodeURIComponent(token)}`, { method: 'POST', body });
