import type { CampaignConfig } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

/** POST /api/campaigns/:id/config — a new version of the scoring rules (permission campaign.manage). */
export const saveConfig = (id: number, body: { config: CampaignConfig; note?: string }) =>
  apiRequest<{ campaignId: number; version: number; config: CampaignConfig }>(`/campaigns/${id}/config`, { method: 'POST', body });
