import type { Metrics } from '../metrics/metrics.ts';
import type { StatLevel } from '../metrics/counts.ts';

/**
 * Public disclosure (公开, seeds 000 §5(6), 003 §17, 004 §(七)1): what a region publishes on the
 * portal without a login. 公开为常态、不公开为例外 — by default everything below is published, and a
 * region narrows it only by saying so in its policy (`publication`): which figures, whether units are
 * ranked, whether bad ratings are published with their rectification replies and which levels, the
 * least volume below which a figure is withheld (a handful of ratings could point to a person), and
 * the units it does not publish at all (the exceptions, e.g. confidential units).
 */
export interface PublicationPolicy {
  /** Whether the region publishes anything (false: its figures, units and replies are not on the portal). */
  enabled: boolean;
  /** The figures published per region and unit. */
  metrics: PublicMetric[];
  /** Whether units are ranked publicly (by the region's ranking rules). */
  rankings: boolean;
  /** Whether bad ratings (差评) are published with the unit's public rectification reply (公开答复). */
  replies: boolean;
  /** The levels whose ratings are published with their replies (normally the bad levels 2 and 1). */
  replyLevels: StatLevel[];
  /** Whether a published rating shows its reason tags (评价标签). */
  replyTags: boolean;
  /** Whether a published rating shows the evaluator's own words, with phone and ID numbers masked. */
  ratingText: boolean;
  /** Counted ratings a unit or region needs in the period before any of its figures is published. */
  minVolume: number;
  /** Units (organisation ids) this region does not publish (不公开为例外). */
  withheldUnitIds: number[];
  /** Requests to the public pages' API per client address and minute, per server instance (national policy applies). */
  readsPerIpPerMinute: number;
}

/**
 * The figures the portal may publish. Their formulas are the statistics' (metrics.ts,
 * docs/domain/metrics.md); the portal counts active ratings only, never default ones.
 */
export const PUBLIC_METRICS = [
  'satisfaction',
  'goodRate',
  'badRate',
  'levelCounts',
  'activeRate',
  'rectificationRate',
  'replyRate',
  'revisitRate',
  'revisitSatisfactionRate',
] as const;
export type PublicMetric = (typeof PUBLIC_METRICS)[number];

export const PUBLIC_METRIC_NAMES: Record<PublicMetric, { zh: string; en: string }> = {
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  goodRate: { zh: '好评率', en: 'Good-rating rate' },
  badRate: { zh: '差评率', en: 'Bad-rating rate' },
  levelCounts: { zh: '各等级评价数', en: 'Ratings by level' },
  activeRate: { zh: '主动评价率', en: 'Active rating rate' },
  rectificationRate: { zh: '差评整改率', en: 'Rectification rate' },
  replyRate: { zh: '差评回复率', en: 'Reply rate' },
  revisitRate: { zh: '回访率', en: 'Revisit rate' },
  revisitSatisfactionRate: { zh: '回访满意率', en: 'Revisit satisfaction rate' },
};

export const DEFAULT_PUBLICATION_POLICY: PublicationPolicy = {
  enabled: true,
  metrics: [...PUBLIC_METRICS],
  rankings: true,
  replies: true,
  replyLevels: [2, 1],
  replyTags: true,
  // Free text may name people; a region that publishes it does so by choice (numbers are masked).
  ratingText: false,
  minVolume: 5,
  withheldUnitIds: [],
  readsPerIpPerMinute: 120,
};

export function checkPublicationPolicy(p: PublicationPolicy | undefined): { field: string; reason: string }[] {
  if (!p || typeof p !== 'object') return [{ field: 'publication', reason: 'the publication rules are required' }];
  const problems: { field: string; reason: string }[] = [];
  if (!Array.isArray(p.metrics) || p.metrics.some((m) => !(PUBLIC_METRICS as readonly string[]).includes(m))) problems.push({ field: 'publication.metrics', reason: `any of ${PUBLIC_METRICS.join(', ')}` });
  else if (new Set(p.metrics).size !== p.metrics.length) problems.push({ field: 'publication.metrics', reason: 'each figure once' });
  if (!Array.isArray(p.replyLevels) || p.replyLevels.some((l) => !Number.isInteger(l) || l < 1 || l > 5)) problems.push({ field: 'publication.replyLevels', reason: 'levels are 1 to 5' });
  else if (p.replies && p.replyLevels.length === 0) problems.push({ field: 'publication.replyLevels', reason: 'at least one level when replies are published' });
  if (!Number.isInteger(p.minVolume) || p.minVolume < 1 || p.minVolume > 100_000) problems.push({ field: 'publication.minVolume', reason: '1 to 100000 ratings' });
  if (!Array.isArray(p.withheldUnitIds) || p.withheldUnitIds.some((id) => !Number.isInteger(id) || id < 1)) problems.push({ field: 'publication.withheldUnitIds', reason: 'organisation ids' });
  else if (p.withheldUnitIds.length > 1000) problems.push({ field: 'publication.withheldUnitIds', reason: 'at most 1000 units' });
  if (!Number.isInteger(p.readsPerIpPerMinute) || p.readsPerIpPerMinute < 1 || p.readsPerIpPerMinute > 100_000) problems.push({ field: 'publication.readsPerIpPerMinute', reason: '1 to 100000 per minute' });
  return problems;
}

/**
 * The published figures of one region or unit, from its metrics (active ratings, with
 * participation): each figure the policy publishes is present (null when there is nothing to divide
 * by), each it does not is absent. Below the policy's minimum volume nothing but the volume is
 * published (`withheld` true).
 */
export interface PublicFigures {
  /** Counted active ratings of the period. */
  volume: number;
  /** True when the volume is below the policy's minimum: no figure is published. */
  withheld: boolean;
  satisfaction?: number | null;
  goodRate?: number | null;
  badRate?: number | null;
  levelCounts?: Record<StatLevel, number>;
  activeRate?: number | null;
  rectificationRate?: number | null;
  replyRate?: number | null;
  revisitRate?: number | null;
  revisitSatisfactionRate?: number | null;
}

/** A unit as the public portal lists it in a region's ranking. */
export interface PublicUnitEntry {
  id: number;
  name: string;
  regionCode: string;
  regionName: string;
  /** 1 = best; null when not ranked (below the ranking's minimum volume, figures withheld, or rankings not published). */
  rank: number | null;
  figures: PublicFigures;
}

/**
 * Picks the figures `metrics` allows out of `m` (computed over active ratings, formula version in
 * m.formulaVersion).
 * @example
 * publicFigures(computeMetrics(counts, 'active'), ['satisfaction'], 5) // { volume, withheld: false, satisfaction: 86.7 }
 */
export function publicFigures(m: Metrics, metrics: readonly PublicMetric[], minVolume: number): PublicFigures {
  const volume = m.ratings.total;
  if (volume < minVolume) return { volume, withheld: true };
  const all: Required<Omit<PublicFigures, 'volume' | 'withheld'>> = {
    satisfaction: m.ratings.satisfactionScore,
    goodRate: m.ratings.goodRate,
    badRate: m.ratings.badRate,
    levelCounts: { ...m.ratings.byLevel },
    activeRate: m.participation?.activeRate ?? null,
    rectificationRate: m.workOrders.rectificationRate,
    replyRate: m.workOrders.replyRate,
    revisitRate: m.workOrders.revisitRate,
    revisitSatisfactionRate: m.workOrders.revisitSatisfactionRate,
  };
  const out: PublicFigures = { volume, withheld: false };
  for (const k of PUBLIC_METRICS) if (metrics.includes(k)) (out as unknown as Record<string, unknown>)[k] = all[k];
  return out;
}

/**
 * What two policies both publish: a unit shown on a region's page follows the region's policy and
 * its own region's, whichever publishes less.
 */
export function publishedByBoth(a: PublicationPolicy, b: PublicationPolicy): PublicationPolicy {
  return {
    enabled: a.enabled && b.enabled,
    metrics: a.metrics.filter((m) => b.metrics.includes(m)),
    rankings: a.rankings && b.rankings,
    replies: a.replies && b.replies,
    replyLevels: a.replyLevels.filter((l) => b.replyLevels.includes(l)),
    replyTags: a.replyTags && b.replyTags,
    ratingText: a.ratingText && b.ratingText,
    minVolume: Math.max(a.minVolume, b.minVolume),
    withheldUnitIds: [...new Set([...a.withheldUnitIds, ...b.withheldUnitIds])],
    readsPerIpPerMinute: Math.min(a.readsPerIpPerMinute, b.readsPerIpPerMinute),
  };
}

// A mobile number, an ID card number (18 or 15 digits), a landline with its area code, an e-mail address.
const PERSONAL_NUMBERS = /(?<![0-9])(1[3-9][0-9]{9}|[0-9]{17}[0-9Xx]|[0-9]{15}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * An evaluator's text as the portal publishes it: phone, ID and landline numbers and e-mail
 * addresses masked to asterisks of the same length (a name cannot be told apart reliably, which is
 * why `ratingText` is off by default).
 * @example
 * maskPersonalNumbers('请回电13812341234') // '请回电***********'
 */
export function maskPersonalNumbers(text: string): string {
  return text.replace(PERSONAL_NUMBERS, (m) => '*'.repeat(Array.from(m).length));
}
