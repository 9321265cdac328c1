/**
 * The counts (计数) every statistic is computed from. The rollup tables of the server hold exactly
 * these columns, summed per slice; the formulas in metrics.ts read nothing else. Names are the
 * column names.
 *
 * Which rating is counted where (formula version 1):
 * - a rating is **counted** when no upheld appeal excluded it (`excluded_as` is null) and no revisit
 *   rating superseded it (`superseded_by` is null): level statistics count each case's current
 *   evaluation, on the day it was given;
 * - active (主动评价) and default (默认评价) ratings are counted in separate columns, never summed;
 * - cases (办件) are counted on the day they were completed, with how their first rating came;
 * - work orders (整改工单) are counted on the day they opened (the day of the bad rating), whatever
 *   became of that rating later, by the milestones of order-milestones.ts.
 */
export const STAT_MEASURES = [
  // Counted active ratings by level, and of them: bad (差评, by the policy the rating was made under), real-name.
  'a1', 'a2', 'a3', 'a4', 'a5', 'a_bad', 'a_real_name', 'a_real_name_bad',
  // Counted default ratings by level (the policy's default level; never bad by checkPolicy).
  'd1', 'd2', 'd3', 'd4', 'd5', 'd_bad',
  // Ratings an upheld appeal excluded (误评 mistaken, 恶意差评 malicious), and ratings a revisit superseded.
  'ex_mistaken', 'ex_malicious', 'superseded',
  // Cases completed, and of them those whose first rating is active, or the default.
  'c_completed', 'c_rated_active', 'c_rated_default',
  // Work orders opened and their milestones (see order-milestones.ts); o_overdue: given a red card (红牌).
  'o_opened', 'o_appeal_upheld', 'o_unrectifiable', 'o_rectified', 'o_replied', 'o_revisited', 'o_satisfied', 'o_overdue',
  'o_real_name', 'o_real_name_rectified', 'o_real_name_revisited',
] as const;

export type StatMeasure = (typeof STAT_MEASURES)[number];
export type StatCounts = Record<StatMeasure, number>;

export function emptyCounts(): StatCounts {
  return Object.fromEntries(STAT_MEASURES.map((m) => [m, 0])) as StatCounts;
}

/** The sum of several slices' counts (slices that do not overlap, e.g. the days of a period). */
export function addCounts(...parts: StatCounts[]): StatCounts {
  const sum = emptyCounts();
  for (const p of parts) for (const m of STAT_MEASURES) sum[m] += p[m];
  return sum;
}

export const STAT_LEVELS = [5, 4, 3, 2, 1] as const;
export type StatLevel = (typeof STAT_LEVELS)[number];

/** The counts of one kind of rating by level: active (主动) or default (默认). */
export function levelCounts(c: StatCounts, kind: 'active' | 'default'): Record<StatLevel, number> {
  return kind === 'active' ? { 5: c.a5, 4: c.a4, 3: c.a3, 2: c.a2, 1: c.a1 } : { 5: c.d5, 4: c.d4, 3: c.d3, 2: c.d2, 1: c.d1 };
}
