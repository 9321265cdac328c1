import type { CampaignObjectGroup, CampaignQuarterView } from '@hcp/domain';
import { apiDownload, apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Campaign } from './list-campaigns.ts';

export interface CampaignScores {
  campaign: Campaign;
  configVersion: number;
  formulaVersion: number;
  asOf: string;
  quarters: { quarter: number; from: string; to: string; begun: boolean }[];
  objects: { orgId: number; name: string; code: string | null; kind: string; group: CampaignObjectGroup; quarters: (CampaignQuarterView | null)[]; year: number | null; rank: number | null }[];
}

/** GET /api/campaigns/:id/scores — every object's quarterly and yearly score, computed now. */
export const getScores = (id: number, signal?: AbortSignal) => apiRequest<CampaignScores>(`/campaigns/${id}/scores`, { ...(signal ? { signal } : {}) });

export function useScores(id: number) {
  return useQuery(`campaign-scores:${id}`, (signal) => getScores(id, signal));
}

/** GET /api/campaigns/:id/scores/export — the ranked scores as XLSX. */
export const downloadScores = (id: number) => apiDownload(`/campaigns/${id}/scores/export`);

/** GET /api/campaigns/:id/objects/:orgId/report?format= — one object's final report (综合报告). */
export const downloadObjectReport = (id: number, orgId: number, format: 'xlsx' | 'pdf') => apiDownload(`/campaigns/${id}/objects/${orgId}/report`, { query: { format } });
