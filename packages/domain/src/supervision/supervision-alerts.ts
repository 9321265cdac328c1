import type { Ranking } from '../metrics/ranking.ts';

/**
 * Supervision alerts (督办预警), DOMAIN.md §6: "staff with concentrated bad ratings: education, then
 * reassignment of the window (seed 001 §22); units with high bad-rating rates and low rank: 约谈问责
 * (seed 003 §17)", and overdue work orders summed up per unit (seed 004 §(七)3; each order's own
 * warning and red card are the work-order clock's). A scheduled check raises each alert once per
 * kind, subject and period; the thresholds below are the region's policy (`supervisionAlerts`).
 */
export interface SupervisionAlertRules {
  /** Bad ratings (差评) of one staff member in a period from which they are flagged (集中差评); 0 = not by count. */
  staffMinBadRatings: number;
  /** A staff member's bad-rating rate above which they are flagged, once they have staffMinRatings ratings; 1 = not by rate. */
  staffBadRateAbove: number;
  /** Counted ratings a staff member needs in the period before their rate is judged. */
  staffMinRatings: number;
  /** A unit's own bad-rating rate above which it is flagged, when it is also among the last unitBottomRanks of the ranking. */
  unitBadRateAbove: number;
  /** How many places at the bottom of the units' ranking by bad-rating rate count as a low rank; 0 = never flag a unit. */
  unitBottomRanks: number;
  /** Work orders of one unit opened in the period that got a red card (超期) from which a summary is raised; 0 = never. */
  unitMinOverdueOrders: number;
}

export const DEFAULT_SUPERVISION_ALERTS: SupervisionAlertRules = {
  staffMinBadRatings: 3,
  staffBadRateAbove: 0.2,
  staffMinRatings: 10,
  unitBadRateAbove: 0.05,
  unitBottomRanks: 3,
  unitMinOverdueOrders: 1,
};

export const SUPERVISION_ALERT_KINDS = ['staff_bad_ratings', 'unit_low_rank', 'unit_overdue'] as const;
export type SupervisionAlertKind = (typeof SUPERVISION_ALERT_KINDS)[number];

export const SUPERVISION_ALERT_NAMES: Record<SupervisionAlertKind, { zh: string; en: string }> = {
  staff_bad_ratings: { zh: '工作人员差评集中', en: 'Concentrated bad ratings of a staff member' },
  unit_low_rank: { zh: '单位差评率高、排名靠后', en: 'Unit with a high bad-rating rate and a low rank' },
  unit_overdue: { zh: '单位整改工单超期', en: 'Overdue work orders of a unit' },
};

/** Why a staff member is flagged: by the number of bad ratings, by the rate, or both. */
export type StaffAlertReason = 'count' | 'rate' | 'count_and_rate';

/** A staff member's counted active ratings of a period and the bad ones among them. */
export interface RatingTally {
  ratings: number;
  bad: number;
}

/** Whether a staff member's period has concentrated bad ratings (集中差评), and by which rule; null when not. */
export function staffAlertReason(t: RatingTally, r: SupervisionAlertRules): StaffAlertReason | null {
  const byCount = r.staffMinBadRatings > 0 && t.bad >= r.staffMinBadRatings;
  const byRate = t.ratings > 0 && t.ratings >= r.staffMinRatings && t.bad / t.ratings > r.staffBadRateAbove;
  if (byCount && byRate) return 'count_and_rate';
  if (byCount) return 'count';
  return byRate ? 'rate' : null;
}

/**
 * The keys of the ranked objects among the last `k` of a ranking: those with fewer than `k` ranked
 * objects placed strictly below them. Objects sharing a rank share the verdict, so a tie at the
 * bottom may give more than `k`; unranked objects (below the minimum volume) are never among them.
 */
export function bottomOfRanking(ranking: Ranking, k: number): Set<string> {
  const out = new Set<string>();
  if (k <= 0) return out;
  const ranks = ranking.items.filter((i) => i.rank !== null).map((i) => i.rank!);
  for (const item of ranking.items) {
    if (item.rank === null) continue;
    const below = ranks.filter((r) => r > item.rank!).length;
    if (below < k) out.add(item.key);
  }
  return out;
}

/** A unit the check flags: high own bad-rating rate and a low rank, with the figures that say so. */
export interface UnitRankAlert {
  key: string;
  rank: number;
  /** Ranked units in the comparison. */
  rankedCount: number;
  volume: number;
  badRate: number;
  smoothed: number;
}

/**
 * The units of one ranking by bad-rating rate (metric badRate: rank 1 has the lowest rate) that are
 * both above the policy's rate and among its last unitBottomRanks places.
 */
export function unitRankAlerts(ranking: Ranking, r: SupervisionAlertRules): UnitRankAlert[] {
  if (ranking.metric !== 'badRate') throw new RangeError('unit alerts read a ranking by bad-rating rate');
  const bottom = bottomOfRanking(ranking, r.unitBottomRanks);
  const rankedCount = ranking.items.filter((i) => i.rank !== null).length;
  return ranking.items
    .filter((i) => bottom.has(i.key) && i.raw !== null && i.raw > r.unitBadRateAbove)
    .map((i) => ({ key: i.key, rank: i.rank!, rankedCount, volume: i.volume, badRate: i.raw!, smoothed: i.smoothed! }));
}

/** Whether a unit's overdue orders of the period call for a summary alert. */
export const overdueAlertDue = (overdueOrders: number, r: SupervisionAlertRules): boolean => r.unitMinOverdueOrders > 0 && overdueOrders >= r.unitMinOverdueOrders;

/** The consistency rules of the thresholds, for checkPolicy. */
export function checkSupervisionAlerts(r: SupervisionAlertRules | undefined): { field: string; reason: string }[] {
  if (!r || typeof r !== 'object') return [{ field: 'supervisionAlerts', reason: 'the supervision alert thresholds are required' }];
  const problems: { field: string; reason: string }[] = [];
  const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  const share = (v: number) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
  if (!int(r.staffMinBadRatings, 0, 100_000)) problems.push({ field: 'supervisionAlerts.staffMinBadRatings', reason: '0 (not by count) to 100000 bad ratings' });
  if (!share(r.staffBadRateAbove)) problems.push({ field: 'supervisionAlerts.staffBadRateAbove', reason: 'a share from 0 to 1 (1: not by rate)' });
  if (!int(r.staffMinRatings, 1, 100_000)) problems.push({ field: 'supervisionAlerts.staffMinRatings', reason: '1 to 100000 ratings' });
  if (!share(r.unitBadRateAbove)) problems.push({ field: 'supervisionAlerts.unitBadRateAbove', reason: 'a share from 0 to 1' });
  if (!int(r.unitBottomRanks, 0, 1000)) problems.push({ field: 'supervisionAlerts.unitBottomRanks', reason: '0 (never) to 1000 places' });
  if (!int(r.unitMinOverdueOrders, 0, 100_000)) problems.push({ field: 'supervisionAlerts.unitMinOverdueOrders', reason: '0 (never) to 100000 orders' });
  return problems;
}
