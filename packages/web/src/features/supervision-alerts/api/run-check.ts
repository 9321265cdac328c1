import { apiRequest } from '@/lib/api-client.ts';

export interface CheckResult {
  periods: string[];
  due: number;
  raised: Record<string, number>;
  refreshed: number;
  notified: number;
}

/** POST /api/supervision-alerts/check: the check of this and last month, now, in the user's scope. */
export function runCheck(period?: string): Promise<CheckResult> {
  return apiRequest('/supervision-alerts/check', { body: period ? { period } : {} });
}
