import type { CaseStage, Channel } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** 办件 as staff see it: personal data masked. */
export interface Case {
  id: number;
  caseNo: string;
  itemId: number;
  itemCode: string;
  itemName: string;
  unitId: number;
  unitName: string;
  windowId: number | null;
  staffId: number | null;
  regionCode: string;
  channel: Channel;
  caseType: number;
  applicant: { type: number; name: string | null; idNumber: string | null; phone: string | null };
  stage: CaseStage;
  stageAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
  promisedDeadline: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CaseQuery {
  unitId?: number;
  itemCode?: string;
  stage?: CaseStage;
  channel?: Channel;
  /** RFC 3339 instants; `completedTo` is exclusive. */
  completedFrom?: string;
  completedTo?: string;
  caseNo?: string;
  /** Exact match through the server's blind index. */
  phone?: string;
  limit: number;
  offset: number;
}

/** GET /api/cases: cases in the caller's data scope, newest first. */
export async function listCases(query: CaseQuery, signal?: AbortSignal): Promise<Case[]> {
  const { items } = await apiRequest<{ items: Case[] }>('/cases', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useCases(query: CaseQuery) {
  return useQuery(`cases:${JSON.stringify(query)}`, (signal) => listCases(query, signal));
}
