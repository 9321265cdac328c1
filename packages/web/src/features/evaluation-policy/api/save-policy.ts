import type { EvaluationPolicy, PolicyDiff } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

export interface SavedPolicy {
  id: number;
  regionCode: string;
  version: number;
  /** The version in force before this one, which the diff compares against. */
  basedOn: { id: number; regionCode: string; version: number };
  diff: PolicyDiff;
}

/**
 * POST /api/evaluation-policies/:regionCode (permission policy.write; the national one: sysadmin):
 * the whole policy as a new version. Inconsistencies answer 400 with every problem as
 * details[].field ("policy.tags.3.code").
 */
export function savePolicy(regionCode: string, policy: EvaluationPolicy, note: string | null): Promise<SavedPolicy> {
  return apiRequest(`/evaluation-policies/${encodeURIComponent(regionCode)}`, { method: 'POST', body: { policy, ...(note ? { note } : {}) } });
}
