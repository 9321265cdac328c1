import { apiRequest } from '@/lib/api-client.ts';
import type { CampaignDetail } from './get-campaign.ts';

/** POST /api/campaigns — a region's campaign of a year with the default rules (permission campaign.manage); a second one is 409. */
export const createCampaign = (body: { regionCode: string; year: number; name?: string }) => apiRequest<CampaignDetail>('/campaigns', { method: 'POST', body });
