import { LEVEL_POINTS, METRICS_FORMULA_VERSION } from './metrics.ts';

/**
 * Fair rankings (排名) of units, windows, staff, service items and regions. Two things keep a ranking
 * fair to small objects, both set per region in the evaluation policy (`ranking`):
 * - a minimum volume: an object with fewer counted ratings in the period is listed, but not ranked;
 * - smoothing: each object's figure is a Bayesian average that pulls it toward the mean of everything
 *   being ranked (the prior), with the weight of `priorWeight` ratings. Five ratings of 非常满意 do
 *   not outrank five hundred ratings averaging 4.9.
 */
export interface RankingPolicy {
  /** Counted ratings an object needs in the period to be ranked. */
  minVolume: number;
  /** How many ratings' worth of the overall mean is mixed into each object's figure (m). */
  priorWeight: number;
}

export const DEFAULT_RANKING_POLICY: RankingPolicy = { minVolume: 20, priorWeight: 10 };

export function checkRankingPolicy(r: RankingPolicy | undefined): { field: string; reason: string }[] {
  if (!r || typeof r !== 'object') return [{ field: 'ranking', reason: 'the ranking rules are required' }];
  const problems: { field: string; reason: string }[] = [];
  if (!Number.isInteger(r.minVolume) || r.minVolume < 1 || r.minVolume > 100_000) problems.push({ field: 'ranking.minVolume', reason: '1 to 100000 ratings' });
  if (!Number.isInteger(r.priorWeight) || r.priorWeight < 0 || r.priorWeight > 100_000) problems.push({ field: 'ranking.priorWeight', reason: '0 to 100000 ratings' });
  return problems;
}

/** 满意度 (higher is better) or 差评率 (lower is better). */
export const RANKING_METRICS = ['satisfaction', 'badRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

/** One object to rank: its counted ratings of the chosen kind. */
export interface RankingInput {
  key: string;
  /** Counted ratings. */
  volume: number;
  /** Sum of their levels (5…1). */
  levelSum: number;
  /** Bad ratings among them. */
  bad: number;
}

export interface RankedItem {
  key: string;
  volume: number;
  /** The object's own figure: 满意度 (20…100) or 差评率 (0…1); null without ratings. */
  raw: number | null;
  /** The smoothed figure the ranking is by. */
  smoothed: number | null;
  /** 1 = best; equal figures share a rank (1, 2, 2, 4); null when below the minimum volume. */
  rank: number | null;
}

export interface Ranking {
  formulaVersion: number;
  metric: RankingMetric;
  policy: RankingPolicy;
  /** The mean everything is pulled toward: all objects' ratings together. Null without ratings. */
  prior: number | null;
  /** Ranked objects best first, then the unranked by volume. */
  items: RankedItem[];
}

const points = (levelSum: number, volume: number) => (LEVEL_POINTS[5] / 5) * (levelSum / volume);
/** Figures closer than this are equal: they differ only by floating-point noise. */
const EPSILON = 1e-9;

/**
 * Ranks objects by the smoothed figure:
 *   smoothed = (volume × raw + m × prior) / (volume + m)
 * where raw is the object's own figure, prior the figure of all objects together and m the policy's
 * priorWeight. Objects below `minVolume` get no rank.
 */
export function rankObjects(inputs: RankingInput[], policy: RankingPolicy, metric: RankingMetric): Ranking {
  const volume = inputs.reduce((s, i) => s + i.volume, 0);
  const levelSum = inputs.reduce((s, i) => s + i.levelSum, 0);
  const bad = inputs.reduce((s, i) => s + i.bad, 0);
  const prior = volume === 0 ? null : metric === 'satisfaction' ? points(levelSum, volume) : bad / volume;
  const m = policy.priorWeight;
  const items: RankedItem[] = inputs.map((i) => {
    const raw = i.volume === 0 ? null : metric === 'satisfaction' ? points(i.levelSum, i.volume) : i.bad / i.volume;
    const smoothed = raw === null || prior === null ? null : (i.volume * raw + m * prior) / (i.volume + m);
    return { key: i.key, volume: i.volume, raw, smoothed, rank: null };
  });
  const better = (a: RankedItem, b: RankedItem) => (metric === 'satisfaction' ? b.smoothed! - a.smoothed! : a.smoothed! - b.smoothed!);
  const ranked = items.filter((i) => i.volume >= policy.minVolume && i.smoothed !== null);
  ranked.sort((a, b) => (Math.abs(a.smoothed! - b.smoothed!) > EPSILON ? better(a, b) : b.volume - a.volume || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  ranked.forEach((item, idx) => {
    const prev = ranked[idx - 1];
    item.rank = prev && Math.abs(prev.smoothed! - item.smoothed!) <= EPSILON ? prev.rank : idx + 1;
  });
  const unranked = items.filter((i) => !ranked.includes(i)).sort((a, b) => b.volume - a.volume || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { formulaVersion: METRICS_FORMULA_VERSION, metric, policy, prior, items: [...ranked, ...unranked] };
}

/**
 * The method as the public page shows it (排名方法), with the region's numbers filled in. The same
 * text is in docs/domain/metrics.md.
 */
export function rankingMethodText(p: RankingPolicy): { zh: string; en: string } {
  return {
    zh:
      `排名依据统计期内被计入的主动评价（不含默认评价、申诉成立不予采纳的评价和已被回访评价取代的评价）。` +
      `满意度 = 各评价等级（非常满意5分…非常不满意1分）的平均分 × 20，折算为百分制；差评率 = 差评数 ÷ 评价数。` +
      `评价数少于 ${p.minVolume} 条的对象只列示、不排名。` +
      `为避免评价数少的对象因偶然结果排名过高或过低，排名采用贝叶斯平均：` +
      `修正值 =（对象评价数 × 对象得分 + ${p.priorWeight} × 全部对象的总体得分）÷（对象评价数 + ${p.priorWeight}），按修正值排序，修正值相同者名次并列。`,
    en:
      `Rankings count the active ratings of the period (not default ratings, not ratings excluded by an upheld appeal, not ratings superseded by a revisit rating). ` +
      `Satisfaction = the mean level (非常满意 5 … 非常不满意 1) × 20, on a 100-point scale; bad-rating rate = bad ratings ÷ ratings. ` +
      `Objects with fewer than ${p.minVolume} ratings are listed but not ranked. ` +
      `So that a few ratings cannot lift or sink an object by chance, the ranking uses a Bayesian average: ` +
      `adjusted = (ratings × own figure + ${p.priorWeight} × figure of all objects together) ÷ (ratings + ${p.priorWeight}); objects are ordered by the adjusted figure, equal figures share a rank.`,
  };
}
