import type { CaseStage, Channel } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

/** What the entry form shows of a case: its item, unit, stage and region; personal data stays masked. */
export interface CaseSummary {
  id: number;
  caseNo: string;
  itemCode: string;
  itemName: string;
  unitName: string;
  windowId: number | null;
  regionCode: string;
  channel: Channel;
  stage: CaseStage;
  completedAt: string | null;
}

/** GET /api/cases?caseNo=: the case with this number in the caller's data scope, or null. */
export async function findCase(caseNo: string, signal?: AbortSignal): Promise<CaseSummary | null> {
  const { items } = await apiRequest<{ items: CaseSummary[] }>('/cases', { query: { caseNo: caseNo.trim(), limit: 1 }, ...(signal ? { signal } : {}) });
  return items[0] ?? null;
}
