import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export const ALERT_KINDS = ['staff_bad_ratings', 'unit_low_rank', 'unit_overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertStatus = 'open' | 'acknowledged';

/** A supervision alert (督办预警) as GET /api/supervision-alerts gives it. */
export interface SupervisionAlert {
  id: number;
  kind: AlertKind;
  unitId: number;
  unitName: string;
  staffId: number | null;
  staffName: string | null;
  employeeNo: string | null;
  regionCode: string;
  regionName: string | null;
  period: { kind: 'month'; key: string; from: string; to: string };
  /** ratings, bad, badRate, reason; rank, rankedCount; orders, overdue, stillOpen … */
  figures: Record<string, number | string | null>;
  firstFigures: Record<string, number | string | null>;
  policy: { regionCode: string; version: number };
  raisedAt: string;
  checkedAt: string;
  recipients: number;
  acknowledged: { by: number; byName: string | null; at: string; note: string } | null;
}

export interface AlertQuery {
  kind?: AlertKind;
  status?: AlertStatus;
  period?: string;
  limit: number;
  offset: number;
}

/** GET /api/supervision-alerts: the alerts in the user's scope, newest first (permission supervision.read). */
export function listAlerts(q: AlertQuery, signal?: AbortSignal): Promise<{ items: SupervisionAlert[]; open: number }> {
  return apiRequest('/supervision-alerts', { query: { ...q }, ...(signal ? { signal } : {}) });
}

export function useAlerts(q: AlertQuery) {
  return useQuery(`supervision-alerts:${JSON.stringify(q)}`, (signal) => listAlerts(q, signal));
}
