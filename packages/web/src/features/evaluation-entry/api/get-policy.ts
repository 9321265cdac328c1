import type { EvaluationPolicy } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

export interface PolicyInForce {
  version: number;
  sourceRegionCode: string;
  policy: EvaluationPolicy;
}

/** GET /api/evaluation-policies/:regionCode: the rules a rating of a case in this region is checked against. */
export function getPolicy(regionCode: string, signal?: AbortSignal): Promise<PolicyInForce> {
  return apiRequest(`/evaluation-policies/${encodeURIComponent(regionCode)}`, signal ? { signal } : {});
}
