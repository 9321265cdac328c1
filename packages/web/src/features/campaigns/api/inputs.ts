import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export type InputChannel = 'questionnaire' | 'revisit' | 'complaint';

/** A result entered or imported for the questionnaire, revisit or complaint channel: `count` results of one level. */
export interface CampaignInput {
  id: number;
  orgId: number;
  channel: InputChannel;
  method: string | null;
  date: string;
  level: number;
  count: number;
  verified: boolean;
  note: string | null;
  ref: string | null;
  source: 'entered' | 'import';
  createdAt: string;
}

export interface NewInput {
  orgId: number;
  channel: InputChannel;
  method?: string;
  date: string;
  level: number;
  count?: number;
  verified?: boolean;
  note?: string;
  /** Makes a retry safe: the same ref returns the stored result. */
  ref?: string;
}

/** GET /api/campaigns/:id/inputs — newest first. */
export const listInputs = (id: number, q: { limit: number; offset: number }, signal?: AbortSignal) =>
  apiRequest<{ items: CampaignInput[] }>(`/campaigns/${id}/inputs`, { query: { ...q }, ...(signal ? { signal } : {}) }).then((r) => r.items);

export function useInputs(id: number, q: { limit: number; offset: number }) {
  return useQuery(`campaign-inputs:${id}:${q.limit}:${q.offset}`, (signal) => listInputs(id, q, signal));
}

/** POST /api/campaigns/:id/inputs — record one result (permission campaign.input). */
export const addInput = (id: number, body: NewInput) => apiRequest<{ input: CampaignInput; created: boolean }>(`/campaigns/${id}/inputs`, { method: 'POST', body });
