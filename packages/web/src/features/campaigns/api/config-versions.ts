import type { CampaignConfig } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export interface ConfigVersion {
  version: number;
  config: CampaignConfig;
  note: string | null;
  createdBy: number | null;
  createdAt: string;
}

/** GET /api/campaigns/:id/config-versions — every version of the scoring rules, newest first. */
export const listConfigVersions = (id: number, signal?: AbortSignal) =>
  apiRequest<{ items: ConfigVersion[] }>(`/campaigns/${id}/config-versions`, { ...(signal ? { signal } : {}) }).then((r) => r.items);

export function useConfigVersions(id: number) {
  return useQuery(`campaign-config-versions:${id}`, (signal) => listConfigVersions(id, signal));
}
