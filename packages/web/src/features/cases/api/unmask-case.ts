import { apiRequest } from '@/lib/api-client.ts';

export const UNMASKABLE = ['name', 'idNumber', 'phone'] as const;
export type UnmaskField = (typeof UNMASKABLE)[number];

export interface Unmasked {
  id: number;
  caseNo: string;
  fields: Partial<Record<UnmaskField, string | null>>;
}

/**
 * POST /api/cases/:id/unmask: the plain personal data (permission pii.unmask). The reason, 5–200
 * characters, is kept in the audit log with who read what.
 */
export function unmaskCase(id: number, fields: UnmaskField[], reason: string): Promise<Unmasked> {
  return apiRequest(`/cases/${id}/unmask`, { method: 'POST', body: { fields, reason: reason.trim() } });
}
