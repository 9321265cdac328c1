import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** A mass-evaluation campaign (群众评议) of a region and year. */
export interface Campaign {
  id: number;
  regionCode: string;
  year: number;
  name: string;
  createdAt: string;
}

/** GET /api/campaigns — campaigns of the regions in the caller's scope, newest year first (permission campaign.read). */
export const listCampaigns = (signal?: AbortSignal) => apiRequest<{ items: Campaign[] }>('/campaigns', { query: { limit: 500 }, ...(signal ? { signal } : {}) }).then((r) => r.items);

export function useCampaigns() {
  return useQuery('campaigns', listCampaigns);
}
