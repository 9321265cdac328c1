import { CAMPAIGN_CHANNELS, type CampaignChannel, type CampaignConfig } from './campaign-config.ts';
import type { CampaignQuarter } from './campaign-period.ts';

/**
 * The campaign's scoring formulas (seed 002 §三, written out in docs/domain/campaign.md):
 * - a channel's score is the count-weighted mean of its levels (5 非常满意 … 1 非常不满意 score 5…1
 *   points); a channel without data scores `noDataLevel` (3, 基本满意);
 * - the quarter's total is Σ weight × score / 5 over the channels (weights add up to 100), less the
 *   deductions for verified complaints of level 2 and 1 (at most `maxPerQuarter`), kept within 0…100;
 * - the year's score is the mean of its quarters' totals.
 * Nothing is rounded until it is shown (`roundCampaignScore`).
 */
export const CAMPAIGN_FORMULA_VERSION = 1;

/** How many results of each level 1…5 a channel has. Missing levels count 0. */
export type CampaignLevelCounts = Partial<Record<1 | 2 | 3 | 4 | 5, number>>;

export interface CampaignChannelScore {
  /** Number of results. */
  n: number;
  /** Count-weighted mean level, null without data. */
  mean: number | null;
  /** The mean, or the no-data level. */
  score: number;
}

export interface CampaignChannelResult extends CampaignChannelScore {
  weight: number;
  /** weight × score / 5: the channel's share of the 100 points. */
  points: number;
}

export interface CampaignQuarterScore {
  channels: Record<CampaignChannel, CampaignChannelResult>;
  /** Verified complaints of 不满意 and 非常不满意, and what they deduct before and after the cap. */
  complaints: { level2: number; level1: number };
  deduction: { raw: number; applied: number };
  /** 0…100. */
  total: number;
}

/** A quarter's score as the API answers it: which quarter, and the unverified complaints beside the counted ones. */
export interface CampaignQuarterView extends Omit<CampaignQuarterScore, 'complaints'> {
  quarter: CampaignQuarter;
  complaints: CampaignQuarterScore['complaints'] & { unverified: number };
}

const LEVEL_KEYS = [1, 2, 3, 4, 5] as const;

function checkCount(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what}: a count must be a whole number ≥ 0, got ${n}`);
  return n;
}

/** The count-weighted mean level of one channel, or the no-data level without results. */
export function campaignChannelScore(counts: CampaignLevelCounts, noDataLevel: number): CampaignChannelScore {
  let n = 0;
  let sum = 0;
  for (const level of LEVEL_KEYS) {
    const k = checkCount(counts[level] ?? 0, `level ${level}`);
    n += k;
    sum += k * level;
  }
  if (n === 0) return { n: 0, mean: null, score: noDataLevel };
  const mean = sum / n;
  return { n, mean, score: mean };
}

/** One object's quarter: every channel scored and weighted, complaints deducted. */
export function campaignQuarterScore(config: CampaignConfig, input: Partial<Record<CampaignChannel, CampaignLevelCounts>>): CampaignQuarterScore {
  const channels = {} as Record<CampaignChannel, CampaignChannelResult>;
  let points = 0;
  for (const ch of CAMPAIGN_CHANNELS) {
    const s = campaignChannelScore(input[ch] ?? {}, config.noDataLevel);
    const weight = config.weights[ch];
    const p = (weight * s.score) / 5;
    channels[ch] = { ...s, weight, points: p };
    points += p;
  }
  const complaints = { level2: input.complaint?.[2] ?? 0, level1: input.complaint?.[1] ?? 0 };
  const raw = complaints.level2 * config.deductions.level2 + complaints.level1 * config.deductions.level1;
  const applied = Math.min(raw, config.deductions.maxPerQuarter);
  const total = Math.min(100, Math.max(0, points - applied));
  return { channels, complaints, deduction: { raw, applied }, total };
}

/** The year's score: the mean of the given quarters' totals; null when no quarter has begun. */
export function campaignYearScore(quarterTotals: readonly number[]): number | null {
  if (quarterTotals.length === 0) return null;
  return quarterTotals.reduce((a, b) => a + b, 0) / quarterTotals.length;
}

/** A score as shown and exported: two decimals, halves away from zero. */
export function roundCampaignScore(x: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9) / f;
}
