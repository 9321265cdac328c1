import { apiRequest } from '@/lib/api-client.ts';

/** A rating given by 12345 phone, paper form, e-mail or WeChat, as staff enter it. */
export interface Entry {
  caseId: number;
  channel: 'phone' | 'paper' | 'email' | 'wechat';
  level: number;
  tags: string[];
  text: string | null;
  realName: boolean;
  followUp: boolean;
  /** The same key on every retry of one entry, so it is stored once. */
  idempotencyKey: string;
}

export interface Entered {
  id: number;
  caseNo: string;
  round: number;
  kind: string;
  level: number;
  bad: boolean;
  submittedAt: string;
  policyVersion: number;
  scanStored: boolean;
}

/**
 * POST /api/evaluations (permission evaluation.enter): JSON, or with the scan of a paper form as
 * multipart/form-data, the rating as JSON in the field "evaluation" and the file in "scan".
 */
export function enterEvaluation(entry: Entry, scan?: File): Promise<Entered> {
  if (!scan) return apiRequest('/evaluations', { method: 'POST', body: entry });
  const form = new FormData();
  form.append('evaluation', JSON.stringify(entry));
  form.append('scan', scan, scan.name);
  return apiRequest('/evaluations', { method: 'POST', body: form });
}
