import { apiRequest } from '@/lib/api-client.ts';

/** A case identified at the window, with the token of its evaluation session. */
export interface IdentifiedCase {
  caseNo: string;
  itemName: string;
  completedAt: string | null;
  token: string;
}

/** POST /api/public/windows/:key/identify — phone + one-time code → the cases that can still be rated. */
export const identifyByCode = (key: string, phone: string, code: string) =>
  apiRequest<{ items: IdentifiedCase[] }>(`/public/windows/${encodeURIComponent(key)}/identify`, { method: 'POST', body: { phone, code } });

/** POST /api/public/windows/:key/identify-case — case number + applicant name → one session. */
export const identifyByCase = (key: string, caseNo: string, name: string) =>
  apiRequest<IdentifiedCase>(`/public/windows/${encodeURIComponent(key)}/identify-case`, { method: 'POST', body: { caseNo, name } });
