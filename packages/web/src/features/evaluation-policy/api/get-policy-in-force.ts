import type { EvaluationPolicy } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** The policy in force for a region and where it comes from (its own version, an ancestor's, or the national one). */
export interface PolicyInForce {
  regionCode: string;
  id: number;
  version: number;
  sourceRegionCode: string;
  inherited: boolean;
  note: string | null;
  createdAt: string;
  policy: EvaluationPolicy;
}

/** GET /api/evaluation-policies/:regionCode ("national" for the national policy); every staff member may read it. */
export function getPolicyInForce(regionCode: string, signal?: AbortSignal): Promise<PolicyInForce> {
  return apiRequest(`/evaluation-policies/${encodeURIComponent(regionCode)}`, signal ? { signal } : {});
}

export function usePolicyInForce(regionCode: string | null, round: number) {
  return useQuery(regionCode === null ? null : `policy:${regionCode}:${round}`, (signal) => getPolicyInForce(regionCode!, signal));
}
