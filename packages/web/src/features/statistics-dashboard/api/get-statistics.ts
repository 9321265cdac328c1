import type { Metrics, StatisticsGroup } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** A named period containing `date` (month, quarter, year), or a range of whole days. */
export type PeriodQuery = { period: 'month' | 'quarter' | 'year'; date: string } | { from: string; to: string };

/** What to count: a region subtree, a unit (orgId), a window and a staff member, all ANDed. */
export interface SliceFilter {
  regionCode?: string;
  orgId?: number;
  windowId?: number;
  staffId?: number;
}

export type RatingKind = 'active' | 'default';
export type StatisticsGroupBy = 'level' | 'channel' | 'unit' | 'window' | 'staff' | 'item' | 'region' | 'day' | 'month';

export type StatisticsQuery = PeriodQuery & SliceFilter & { kind: RatingKind; groupBy?: StatisticsGroupBy; limit?: number };

export interface StatisticsResult {
  formulaVersion: number;
  period: { from: string; to: string; days: number; visibleThrough: string | null };
  kind: RatingKind;
  groupBy: string | null;
  total: Metrics;
  groups: StatisticsGroup[];
  groupsTotal: number;
}

/** The query string of a statistics query (the same for GET /api/statistics and its export). */
export const statisticsParams = (q: StatisticsQuery): Record<string, string | number | undefined> => ({ ...q });

/** GET /api/statistics: metrics of a slice and period, optionally by group (permission statistics.read). */
export function getStatistics(q: StatisticsQuery, signal?: AbortSignal): Promise<StatisticsResult> {
  return apiRequest<StatisticsResult>('/statistics', { query: statisticsParams(q), ...(signal ? { signal } : {}) });
}

export function useStatistics(q: StatisticsQuery | null) {
  return useQuery(q ? `statistics:${JSON.stringify(q)}` : null, (signal) => getStatistics(q!, signal));
}
