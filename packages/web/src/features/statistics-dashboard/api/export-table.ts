import { apiDownload } from '@/lib/api-client.ts';
import type { RankingQuery } from './get-ranking.ts';
import { statisticsParams, type StatisticsQuery } from './get-statistics.ts';

/** GET /api/statistics/export: the same table as the query, as an XLSX file the browser downloads. */
export function exportStatistics(q: StatisticsQuery): Promise<void> {
  return apiDownload('/statistics/export', { query: statisticsParams(q) });
}

/** GET /api/rankings/export: the ranking and its method as an XLSX file. */
export function exportRanking(q: RankingQuery): Promise<void> {
  return apiDownload('/rankings/export', { query: { ...q } });
}
