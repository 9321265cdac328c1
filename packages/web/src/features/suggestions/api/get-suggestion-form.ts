import { apiRequest } from '@/lib/api-client.ts';

export interface SuggestionQuestion {
  code: string;
  /** scale: 1–5; yes_no: 1 是 / 0 否. */
  kind: 'scale' | 'yes_no';
  zh: string;
  en: string;
}

export interface SuggestionForm {
  policyVersion: number;
  questions: SuggestionQuestion[];
  textMaxLength: number;
  window: { name: string } | null;
}

/** GET /api/public/suggestion-form — the questionnaire, of the window's region when `windowKey` is given. */
export const getSuggestionForm = (windowKey: string | null, signal?: AbortSignal) =>
  apiRequest<SuggestionForm>('/public/suggestion-form', { query: { w: windowKey }, ...(signal ? { signal } : {}) });
