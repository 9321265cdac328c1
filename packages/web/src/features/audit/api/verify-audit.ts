import { apiRequest } from '@/lib/api-client.ts';

export interface AuditVerification {
  checked: number;
  /** The first record whose hash does not match, or null when the chain is intact. */
  brokenAt: number | null;
  reason?: string;
}

/** POST /api/audit/verify: recomputes the whole hash chain (the check itself is audited). */
export function verifyAudit(): Promise<AuditVerification> {
  return apiRequest('/audit/verify', { method: 'POST', body: {} });
}
