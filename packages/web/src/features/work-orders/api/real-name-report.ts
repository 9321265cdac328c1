import { apiDownload, apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** One real-name bad rating with its rectification and revisit state. */
export interface RealNameItem {
  evaluationId: number;
  submittedAt: string;
  caseNo: string;
  itemName: string;
  unitId: number;
  unitName: string;
  regionCode: string;
  level: number;
  channel: string;
  excludedAs: string | null;
  workOrderId: number | null;
  state: string | null;
  decision: string | null;
  reviewRound: number | null;
  rectifiedAt: string | null;
  revisitedAt: string | null;
  revisitResult: 'satisfied' | 'unsatisfied' | null;
  closedAt: string | null;
  notClosed: boolean;
}

export interface RealNameTotals {
  count: number;
  excluded: number;
  tracked: number;
  closed: number;
  revisited: number;
  rectified: number;
  notClosed: number;
  closedRate: number | null;
  revisitRate: number | null;
  rectifyRate: number | null;
}

export interface RealNameReport {
  from: string;
  to: string;
  totals: RealNameTotals;
  items: RealNameItem[];
}

export interface RealNameQuery {
  /** Beijing dates YYYY-MM-DD, both inclusive; at most 366 days. */
  from: string;
  to: string;
  region?: string;
}

/** GET /api/work-orders/real-name-report: every real-name bad rating of a period, tracked to 100 %. */
export function getRealNameReport(q: RealNameQuery & { limit: number; offset: number }, signal?: AbortSignal): Promise<RealNameReport> {
  return apiRequest('/work-orders/real-name-report', { query: { ...q }, ...(signal ? { signal } : {}) });
}

export function useRealNameReport(q: (RealNameQuery & { limit: number; offset: number }) | null) {
  return useQuery(q ? `real-name-report:${JSON.stringify(q)}` : null, (signal) => getRealNameReport(q!, signal));
}

/** The same report as an XLSX download (audited). */
export function exportRealNameReport(q: RealNameQuery): Promise<void> {
  return apiDownload('/work-orders/real-name-report/export', { query: { ...q } });
}
