import { apiRequest } from '@/lib/api-client.ts';
import type { Report, ReportPeriodKind } from './list-reports.ts';

export interface ReportRequest {
  regionCode: string;
  periodKind: ReportPeriodKind;
  period: string;
  /** Queue an existing report again (a failed one, or to refresh a ready one). */
  regenerate?: boolean;
}

/** POST /api/reports — queue a report (permission report.generate); an existing one comes back as it is unless regenerate. */
export const requestReport = (body: ReportRequest) => apiRequest<{ report: Report; queued: boolean }>('/reports', { method: 'POST', body });
