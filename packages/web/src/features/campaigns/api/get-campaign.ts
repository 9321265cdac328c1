import type { CampaignConfig, CampaignObjectGroup } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Campaign } from './list-campaigns.ts';

export interface CampaignObject {
  orgId: number;
  name: string;
  code: string | null;
  kind: string;
  group: CampaignObjectGroup;
  position: number;
}

export interface CampaignDetail {
  campaign: Campaign;
  configVersion: number;
  config: CampaignConfig;
  objects: CampaignObject[];
}

/** GET /api/campaigns/:id — the campaign, its scoring rules in force and its objects. */
export const getCampaign = (id: number, signal?: AbortSignal) => apiRequest<CampaignDetail>(`/campaigns/${id}`, { ...(signal ? { signal } : {}) });

export function useCampaign(id: number | null) {
  return useQuery(id ? `campaign:${id}` : null, (signal) => getCampaign(id!, signal));
}
