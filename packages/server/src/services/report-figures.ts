import {
  addCounts,
  addDays,
  computeMetrics,
  EVALUATION_CHANNEL_INFO,
  METRICS_FORMULA_VERSION,
  rankingMethodText,
  rankObjects,
  ratingMetrics,
  STAT_LEVELS,
  startOfShanghaiDay,
  type EvaluationChannel,
  type Metrics,
  type RankingPolicy,
  type ReportPeriod,
  type StatLevel,
} from '@hcp/domain';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { ReportRepository } from '../repositories/report.repository.ts';
import type { StatisticsRepository } from '../repositories/statistics.repository.ts';

/** One unit's line in a report. */
export interface ReportUnitRow {
  unitId: number;
  name: string;
  count: number;
  satisfactionScore: number | null;
  goodRate: number | null;
  badRate: number | null;
  bad: number;
  rectificationRate: number | null;
  overdue: number;
  /** 1 = best by smoothed 满意度; null below the ranking's minimum volume. */
  rank: number | null;
  smoothed: number | null;
}

/** A bad rating of the period and where its rectification (差评整改) stands. */
export interface ReportBadRating {
  evaluationId: number;
  at: string;
  level: number;
  channel: string;
  tags: string[];
  caseNo: string;
  unitName: string;
  /** 误评 / 恶意差评 when an upheld appeal excluded it. */
  excludedAs: string | null;
  state: string | null;
  decision: string | null;
  redCard: boolean;
  closedAt: string | null;
}

/**
 * What a report (通报) says, stored with it as JSON so the API can show it without the files. The
 * level, channel and unit statistics are read from the statistics rollups and computed with the
 * formulas of @hcp/domain metrics (version `formulaVersion`), the same numbers as the dashboard's.
 */
export interface ReportFigures {
  formulaVersion: number;
  region: { code: string; name: string };
  period: ReportPeriod;
  generatedAt: string;
  /** Active ratings (主动评价) and every rate of the period. */
  total: Metrics;
  /** Default ratings (默认评价), never mixed into the rates above. */
  defaults: { total: number; byLevel: Record<StatLevel, number> };
  byChannel: { channel: string; label: string; count: number; satisfactionScore: number | null; badRate: number | null }[];
  units: ReportUnitRow[];
  ranking: { minVolume: number; priorWeight: number; prior: number | null; method: string; top: ReportUnitRow[]; bottom: ReportUnitRow[] };
  /** Every bad rating given in the period (also those a revisit superseded or an appeal excluded since), listed up to a limit. */
  badRatings: { total: number; items: ReportBadRating[] };
}

/** How many bad ratings a report lists one by one (the count is always complete). */
export const REPORT_BAD_RATINGS_LIMIT = 2000;
const TOP_N = 5;

export interface FigureSources {
  stats: StatisticsRepository;
  reports: ReportRepository;
  orgs: OrganisationRepository;
}

/** Computes the figures of a region's report for one period. */
export async function computeReportFigures(src: FigureSources, region: { code: string; name: string }, period: ReportPeriod, ranking: RankingPolicy, now: Date): Promise<ReportFigures> {
  const slice = { scope: { regionCode: null, orgPath: null }, regionCode: region.code };
  const days = { from: period.from, to: addDays(period.to, -1) };
  const totalRows = (await src.stats.sum(slice, days, 'none')).rows;
  const counts = addCounts(...totalRows.map((r) => r.counts));
  const total = computeMetrics(counts, 'active');
  const def = ratingMetrics(counts, 'default');

  const channelRows = (await src.stats.sum(slice, days, 'channel')).rows;
  const byChannel = channelRows
    .map((r) => ({ channel: r.key, m: ratingMetrics(r.counts, 'active') }))
    .filter((c) => c.m.total > 0)
    .sort((a, b) => b.m.total - a.m.total)
    .map((c) => ({ channel: c.channel, label: EVALUATION_CHANNEL_INFO[c.channel as EvaluationChannel]?.zh ?? c.channel, count: c.m.total, satisfactionScore: c.m.satisfactionScore, badRate: c.m.badRate }));

  const unitRows = (await src.stats.sum(slice, days, 'unit')).rows.filter((r) => r.key !== '0' && r.key !== '');
  const names = new Map((await src.orgs.findMany(unitRows.map((r) => Number(r.key)))).map((o) => [o.id, o.name]));
  const ranked = rankObjects(
    unitRows.map((r) => {
      const m = ratingMetrics(r.counts, 'active');
      return { key: r.key, volume: m.total, levelSum: STAT_LEVELS.reduce((s, l) => s + l * m.byLevel[l], 0), bad: m.bad };
    }),
    ranking,
    'satisfaction',
  );
  const rankOf = new Map(ranked.items.map((i) => [i.key, i]));
  const units: ReportUnitRow[] = unitRows
    .map((r) => {
      const m = computeMetrics(r.counts, 'active', false);
      const rk = rankOf.get(r.key);
      return {
        unitId: Number(r.key), name: names.get(Number(r.key)) ?? `#${r.key}`, count: m.ratings.total, satisfactionScore: m.ratings.satisfactionScore,
        goodRate: m.ratings.goodRate, badRate: m.ratings.badRate, bad: m.ratings.bad, rectificationRate: m.workOrders.rectificationRate, overdue: m.workOrders.overdue,
        rank: rk?.rank ?? null, smoothed: rk?.smoothed ?? null,
      };
    })
    .filter((u) => u.count > 0 || u.bad > 0)
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.count - a.count);
  const rankedUnits = units.filter((u) => u.rank !== null);

  const bad = await src.reports.badRatings(region.code, startOfShanghaiDay(period.from), startOfShanghaiDay(period.to), REPORT_BAD_RATINGS_LIMIT);
  return {
    formulaVersion: METRICS_FORMULA_VERSION,
    region,
    period,
    generatedAt: now.toISOString(),
    total,
    defaults: { total: def.total, byLevel: def.byLevel },
    byChannel,
    units,
    ranking: {
      minVolume: ranking.minVolume, priorWeight: ranking.priorWeight, prior: ranked.prior, method: rankingMethodText(ranking).zh,
      top: rankedUnits.slice(0, TOP_N),
      bottom: rankedUnits.length > TOP_N ? rankedUnits.slice(-TOP_N).reverse() : [],
    },
    badRatings: {
      total: Number(bad[0]?.total_count ?? 0),
      items: bad.map((b) => ({
        evaluationId: b.evaluation_id, at: b.submitted_at.toISOString(), level: b.level, channel: b.channel, tags: b.tags, caseNo: b.case_no, unitName: b.unit_name,
        excludedAs: b.excluded_as, state: b.state, decision: b.decision, redCard: b.red_card_at !== null, closedAt: b.closed_at?.toISOString() ?? null,
      })),
    },
  };
}
