import { apiRequest } from '@/lib/api-client.ts';

export interface CaseRef {
  id: number;
  caseNo: string;
  itemName: string;
  windowId: number | null;
}

/** GET /api/cases?caseNo=: the case with this number in the caller's data scope, or null. */
export async function findCase(caseNo: string): Promise<CaseRef | null> {
  const { items } = await apiRequest<{ items: CaseRef[] }>('/cases', { query: { caseNo: caseNo.trim(), limit: 1 } });
  return items[0] ?? null;
}
