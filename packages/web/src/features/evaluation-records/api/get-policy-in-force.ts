import type { EvaluationPolicy } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** GET /api/evaluation-policies/:regionCode: the policy in force, here for the names of tags and indicators. */
export function getPolicyInForce(regionCode: string, signal?: AbortSignal): Promise<{ version: number; policy: EvaluationPolicy }> {
  return apiRequest(`/evaluation-policies/${encodeURIComponent(regionCode)}`, signal ? { signal } : {});
}

export function usePolicyInForce(regionCode: string | null) {
  return useQuery(regionCode === null ? null : `policy:${regionCode}`, (signal) => getPolicyInForce(regionCode!, signal));
}
