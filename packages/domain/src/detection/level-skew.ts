import type { Level } from '../evaluation/policy.ts';
import { percent, round2, type Finding } from './finding.ts';

/** Active ratings per level. */
export type LevelCounts = Partial<Record<Level, number>>;

export interface SkewRule {
  minVolume: number;
  minZ: number;
  minExcessPercent: number;
}

export interface SkewStats {
  level: Level;
  /** The window's ratings in the period, and those at the level. */
  n: number;
  k: number;
  share: number;
  /** The region's share at the level (the window itself left out), and its volume. */
  baseShare: number;
  baseN: number;
  z: number;
}

const total = (c: LevelCounts) => Object.values(c).reduce((s, x) => s + (x ?? 0), 0);

/**
 * Whether a window's share of `level` is far above its region's (等级分布异常): a one-sided binomial
 * test, z = (k − n·p) / √(n·p·(1−p)) with p the region's share (kept within 0.1%–99.9% so that a
 * level nobody else gives still has a finite z). The window needs `minVolume` ratings, the region
 * as many, z must reach `minZ` and the share must exceed the region's by `minExcessPercent` points.
 * Answers the statistics when the window is unusual, else null.
 *
 * @example
 * levelSkew({ 5: 60, 1: 40 }, { 5: 950, 4: 40, 1: 10 }, 1, { minVolume: 30, minZ: 4, minExcessPercent: 10 })
 * // → { level: 1, n: 100, k: 40, share: 0.4, baseShare: 0.01, z ≈ 39, ... }
 */
export function levelSkew(window: LevelCounts, region: LevelCounts, level: Level, rule: SkewRule): SkewStats | null {
  const n = total(window);
  const baseN = total(region);
  if (n < rule.minVolume || baseN < rule.minVolume) return null;
  const k = window[level] ?? 0;
  const baseShare = (region[level] ?? 0) / baseN;
  const p = Math.min(0.999, Math.max(0.001, baseShare));
  const z = (k - n * p) / Math.sqrt(n * p * (1 - p));
  const share = k / n;
  if (z < rule.minZ || (share - baseShare) * 100 < rule.minExcessPercent) return null;
  return { level, n, k, share, baseShare, baseN, z };
}

/** The finding of an unusual window: its ratings at the level in the period, with the statistics. */
export function levelSkewFinding(windowId: number, stats: SkewStats, ratingIds: number[], days: number, levelName: { zh: string; en: string }, rule: SkewRule): Finding {
  return {
    detector: 'level_skew',
    subject: `window:${windowId}:level:${stats.level}`,
    ratingIds,
    score: round2(stats.z / rule.minZ),
    reason: {
      zh: `窗口 #${windowId} 近 ${days} 天 ${stats.n} 条主动评价中"${levelName.zh}"（${stats.level} 级）${stats.k} 条，占 ${percent(stats.share)}，本地区其余评价为 ${percent(stats.baseShare)}（z = ${stats.z.toFixed(1)}；规则：z ≥ ${rule.minZ} 且高出 ${rule.minExcessPercent} 个百分点）`,
      en: `Window #${windowId}: ${stats.k} of ${stats.n} active ratings in ${days} days are "${levelName.en}" (level ${stats.level}), ${percent(stats.share)} against ${percent(stats.baseShare)} in the rest of the region (z = ${stats.z.toFixed(1)}; rule: z ≥ ${rule.minZ} and ${rule.minExcessPercent} points above)`,
    },
    evidence: { windowId, level: stats.level, n: stats.n, k: stats.k, share: round2(stats.share), baseShare: round2(stats.baseShare), baseN: stats.baseN, z: round2(stats.z) },
  };
}
