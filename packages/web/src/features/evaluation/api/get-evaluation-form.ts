import { apiRequest } from '@/lib/api-client.ts';

export interface Label {
  zh: string;
  en: string;
}

/** The evaluation page's data: the case in plain words and the form of its policy version. */
export interface EvaluationForm {
  caseNo: string;
  itemName: string;
  unitName: string;
  windowName: string | null;
  completedAt: string | null;
  /** The applicant's masked name when the channel proved who is rating (real-name). */
  applicant: string | null;
  mode: 'online' | 'offline';
  channel: string;
  expiresAt: string;
  state: 'open' | 'evaluated' | 'not_open';
  policy: {
    version: number;
    levels: (Label & { level: number; bad: boolean })[];
    tags: (Label & { code: string; level: number })[];
    content: (Label & { code: string })[];
    textMaxLength: number;
    badRatingNeeds: 'tag_or_text' | 'tag' | 'text' | 'none';
  };
}

/** GET /api/public/evaluate/:token — 410 TOKEN_INVALID (details[0].reason unknown | used | expired) for a bad link. */
export const getEvaluationForm = (token: string, signal?: AbortSignal) =>
  apiRequest<EvaluationForm>(`/public/evaluate/${encodeURIComponent(token)}`, signal ? { signal } : {});
