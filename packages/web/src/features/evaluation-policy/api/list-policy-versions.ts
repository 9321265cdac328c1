import type { EvaluationPolicy } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export interface PolicyVersion {
  id: number;
  version: number;
  note: string | null;
  author: string | null;
  createdAt: string;
  policy: EvaluationPolicy;
}

/** GET /api/evaluation-policies/:regionCode/versions: the region's own versions, newest first. */
export async function listPolicyVersions(regionCode: string, signal?: AbortSignal): Promise<PolicyVersion[]> {
  const { items } = await apiRequest<{ items: PolicyVersion[] }>(`/evaluation-policies/${encodeURIComponent(regionCode)}/versions`, signal ? { signal } : {});
  return items;
}

export function usePolicyVersions(regionCode: string | null, round: number) {
  return useQuery(regionCode === null ? null : `policy-versions:${regionCode}:${round}`, (signal) => listPolicyVersions(regionCode!, signal));
}
