import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export type ReportStatus = 'pending' | 'retrying' | 'ready' | 'failed';
export type ReportPeriodKind = 'month' | 'quarter';

/** A report (通报) of a region and month or quarter, and how its generation went. */
export interface Report {
  id: number;
  regionCode: string;
  periodKind: ReportPeriodKind;
  /** 2026-10 or 2026-Q4. */
  period: string;
  from: string;
  /** Exclusive. */
  to: string;
  status: ReportStatus;
  attempts: number;
  error: string | null;
  trigger: 'schedule' | 'on_demand';
  formulaVersion: number | null;
  createdAt: string;
  generatedAt: string | null;
}

export interface ReportQuery {
  regionCode?: string;
  periodKind?: ReportPeriodKind;
  status?: ReportStatus;
  limit: number;
  offset: number;
}

/** GET /api/reports — reports of the regions in the caller's scope, newest period first (permission report.read). */
export const listReports = (q: ReportQuery, signal?: AbortSignal) => apiRequest<{ items: Report[] }>('/reports', { query: { ...q }, ...(signal ? { signal } : {}) }).then((r) => r.items);

export function useReports(q: ReportQuery) {
  return useQuery(`reports:${JSON.stringify(q)}`, (signal) => listReports(q, signal));
}
