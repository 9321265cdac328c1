import type { CampaignObjectGroup } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import type { CampaignObject } from './get-campaign.ts';

/** PUT /api/campaigns/:id/objects — the campaign's objects exactly, in order (permission campaign.manage). */
export const setObjects = (id: number, objects: { orgId: number; group: CampaignObjectGroup }[]) =>
  apiRequest<{ items: CampaignObject[] }>(`/campaigns/${id}/objects`, { method: 'PUT', body: { objects } }).then((r) => r.items);
