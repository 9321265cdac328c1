import { apiRequest } from '@/lib/api-client.ts';

export interface NewSuggestion {
  answers: Record<string, number>;
  text: string | null;
  contactPhone: string | null;
  unitId: number | null;
  windowKey: string | null;
  idempotencyKey: string;
}

/** POST /api/public/suggestions — a retry with the same idempotency key returns the first answer. */
export const submitSuggestion = (body: NewSuggestion) => apiRequest<{ id: number; createdAt: string }>('/public/suggestions', { method: 'POST', body });
