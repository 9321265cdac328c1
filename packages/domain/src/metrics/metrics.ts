import { levelCounts, STAT_LEVELS, type StatCounts, type StatLevel } from './counts.ts';

/**
 * The formulas of the supervision statistics (监督统计), written out in docs/domain/metrics.md.
 * Every result carries `formulaVersion`: a change to any formula below is a new version, so a number
 * published under version 1 can always be recomputed the way it was.
 */
export const METRICS_FORMULA_VERSION = 1;

export type RatingKind = 'active' | 'default';

/** A share: numerator / denominator, or null when there is nothing to divide by. */
export const metricRate = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** Points of each level on the 100-point scale: the 5…1 levels × 20 (seed 002: 按满分100分折算). */
export const LEVEL_POINTS: Record<StatLevel, number> = { 5: 100, 4: 80, 3: 60, 2: 40, 1: 20 };

/**
 * 满意度 (satisfaction score): the mean level (5 非常满意 … 1 非常不满意) of the ratings, mapped to
 * 100 points as 20 × mean — 100 when every rating is 5, 60 when the mean is 3 (基本满意), 20 at worst.
 */
export function satisfactionScore(byLevel: Record<StatLevel, number>): number | null {
  let n = 0;
  let sum = 0;
  for (const l of STAT_LEVELS) {
    n += byLevel[l];
    sum += byLevel[l] * l;
  }
  return n > 0 ? (20 * sum) / n : null;
}

/** Ratings of one kind: how many of each level, and the rates over them. */
export interface RatingMetrics {
  kind: RatingKind;
  /** Counted ratings: neither excluded by an upheld appeal nor superseded by a revisit rating. */
  total: number;
  byLevel: Record<StatLevel, number>;
  /** 好评: the levels the rating's policy does not count as bad (by default 5, 4, 3). */
  good: number;
  /** 差评: the policy's bad levels (by default 2 不满意 and 1 非常不满意). */
  bad: number;
  realName: number;
  realNameBad: number;
  /** 满意度, 20…100. */
  satisfactionScore: number | null;
  /** 好评率 = good / total. */
  goodRate: number | null;
  /** 差评率 = bad / total; goodRate + badRate = 1. */
  badRate: number | null;
}

/** How the cases completed in the period were rated (参评): active + default + unrated = completed. */
export interface ParticipationMetrics {
  completedCases: number;
  activelyRated: number;
  defaultRated: number;
  unrated: number;
  /** 主动评价率 = cases whose first rating is active / cases completed. */
  activeRate: number | null;
  /** 默认评价率 = cases rated by the default / cases completed. */
  defaultRate: number | null;
  /** 未评率 = cases with no rating yet / cases completed (still inside their rating period). */
  unratedRate: number | null;
}

/** The closed loop of the bad ratings (差评整改), counted by order on the day it opened. */
export interface WorkOrderMetrics {
  opened: number;
  /** Orders closed because an appeal (复核申诉) was upheld: left out of every rate below. */
  appealUpheld: number;
  /** Orders that count: opened − appealUpheld. */
  counted: number;
  /** 无法整改 approved: left out of the rectification rate only. */
  unrectifiable: number;
  rectified: number;
  replied: number;
  revisited: number;
  satisfied: number;
  /** Orders that missed a deadline and got a red card (红牌). */
  overdue: number;
  /** 差评整改率 = rectified / (counted − unrectifiable). */
  rectificationRate: number | null;
  /** 差评回复率 = replied / counted. */
  replyRate: number | null;
  /** 回访率 = revisited / counted. */
  revisitRate: number | null;
  /** 回访满意率 = satisfied / revisited. */
  revisitSatisfactionRate: number | null;
  /** 超期率 = overdue / counted. */
  overdueRate: number | null;
  /** Orders of real-name bad ratings, whose rectification and revisit must reach 100%. */
  realName: { orders: number; rectified: number; revisited: number; rectificationRate: number | null; revisitRate: number | null };
}

export interface Metrics {
  formulaVersion: number;
  ratings: RatingMetrics;
  /** Null where cases cannot be counted: a slice by rating channel (a case has no rating channel). */
  participation: ParticipationMetrics | null;
  workOrders: WorkOrderMetrics;
  /** Ratings given in the period that an upheld appeal excluded (不予采纳), by finding. */
  appealsUpheld: { total: number; mistaken: number; malicious: number };
  /** Ratings given in the period that a revisit rating superseded (the case's latest counts instead). */
  superseded: number;
}

/** One group of a statistics answer (a level, channel, unit, window, staff member, item, region or day). */
export interface StatisticsGroup {
  key: string;
  /** A name to show: of the unit, window, staff member, item, region, channel or level; null for "none". */
  label: string | null;
  /** Counted ratings of the asked kind in the group. */
  count: number;
  /** count / the total's counted ratings. */
  share: number | null;
  /** Every metric of the group; null for level groups (a level has no rates of its own). */
  metrics: Metrics | null;
}

export function ratingMetrics(c: StatCounts, kind: RatingKind): RatingMetrics {
  const byLevel = levelCounts(c, kind);
  const total = STAT_LEVELS.reduce((s, l) => s + byLevel[l], 0);
  const bad = kind === 'active' ? c.a_bad : c.d_bad;
  const good = total - bad;
  return {
    kind,
    total,
    byLevel,
    good,
    bad,
    realName: kind === 'active' ? c.a_real_name : 0,
    realNameBad: kind === 'active' ? c.a_real_name_bad : 0,
    satisfactionScore: satisfactionScore(byLevel),
    goodRate: metricRate(good, total),
    badRate: metricRate(bad, total),
  };
}

export function participationMetrics(c: StatCounts): ParticipationMetrics {
  const unrated = c.c_completed - c.c_rated_active - c.c_rated_default;
  return {
    completedCases: c.c_completed,
    activelyRated: c.c_rated_active,
    defaultRated: c.c_rated_default,
    unrated,
    activeRate: metricRate(c.c_rated_active, c.c_completed),
    defaultRate: metricRate(c.c_rated_default, c.c_completed),
    unratedRate: metricRate(unrated, c.c_completed),
  };
}

export function workOrderMetrics(c: StatCounts): WorkOrderMetrics {
  const counted = c.o_opened - c.o_appeal_upheld;
  return {
    opened: c.o_opened,
    appealUpheld: c.o_appeal_upheld,
    counted,
    unrectifiable: c.o_unrectifiable,
    rectified: c.o_rectified,
    replied: c.o_replied,
    revisited: c.o_revisited,
    satisfied: c.o_satisfied,
    overdue: c.o_overdue,
    rectificationRate: metricRate(c.o_rectified, counted - c.o_unrectifiable),
    replyRate: metricRate(c.o_replied, counted),
    revisitRate: metricRate(c.o_revisited, counted),
    revisitSatisfactionRate: metricRate(c.o_satisfied, c.o_revisited),
    overdueRate: metricRate(c.o_overdue, counted),
    realName: {
      orders: c.o_real_name,
      rectified: c.o_real_name_rectified,
      revisited: c.o_real_name_revisited,
      rectificationRate: metricRate(c.o_real_name_rectified, c.o_real_name),
      revisitRate: metricRate(c.o_real_name_revisited, c.o_real_name),
    },
  };
}

/**
 * Every metric of one slice. `kind` picks which ratings the level statistics describe: active and
 * default ratings are never mixed. `withParticipation` is false for slices cases cannot be cut by.
 */
export function computeMetrics(c: StatCounts, kind: RatingKind, withParticipation = true): Metrics {
  return {
    formulaVersion: METRICS_FORMULA_VERSION,
    ratings: ratingMetrics(c, kind),
    participation: withParticipation ? participationMetrics(c) : null,
    workOrders: workOrderMetrics(c),
    appealsUpheld: { total: c.ex_mistaken + c.ex_malicious, mistaken: c.ex_mistaken, malicious: c.ex_malicious },
    superseded: c.superseded,
  };
}
