import { byTime, groupBy, mergeRanges, percent, round2, uniqueById, type Finding } from './finding.ts';

export interface DeviceRating {
  id: number;
  /** When the rating was submitted. */
  at: Date;
  /** When the clerk (or approval system) asked the device to show the rating screen. */
  invitedAt: Date;
  /** Who is rated: "staff:<id>", or "user:<id>" of the clerk who asked when the case names no staff. */
  staffKey: string;
}

export interface FastDeviceRule {
  seconds: number;
  minCount: number;
  minSharePercent: number;
  days: number;
}

/** Whether the rating came faster after the request than an evaluator reads the screen. */
export const isFast = (r: Pick<DeviceRating, 'at' | 'invitedAt'>, seconds: number) => r.at.getTime() - r.invitedAt.getTime() < seconds * 1000;

/**
 * Ratings at a window device seconds after the clerk asked for them (秒评), again and again for the
 * same staff member: within any `days`, at least `minCount` fast ratings that are at least
 * `minSharePercent` of that staff member's device ratings in those days. The fast ratings of every
 * such window are flagged; one finding per staff member. An evaluator who happens to be quick once
 * does not make a pattern: the share keeps a busy window's occasional quick tap below the line.
 */
export function detectFastDevice(ratings: readonly DeviceRating[], rule: FastDeviceRule): Finding[] {
  const span = rule.days * 86_400_000;
  const findings: Finding[] = [];
  for (const [staffKey, group] of groupBy(uniqueById(ratings), (r) => r.staffKey)) {
    const rows = [...group].sort(byTime);
    const fast = rows.map((r) => isFast(r, rule.seconds));
    const ranges: [number, number][] = [];
    let best = { fast: 0, total: 0 };
    let from = 0;
    let fastIn = 0;
    for (let to = 0; to < rows.length; to++) {
      if (fast[to]) fastIn++;
      while (rows[to]!.at.getTime() - rows[from]!.at.getTime() > span) {
        if (fast[from]) fastIn--;
        from++;
      }
      const total = to - from + 1;
      if (fast[to] && fastIn >= rule.minCount && fastIn * 100 >= rule.minSharePercent * total) {
        ranges.push([from, to]);
        // The window with the highest share (then the most fast ratings) is the one the reason names.
        const a = fastIn * best.total;
        const b = best.fast * total;
        if (a > b || (a === b && fastIn > best.fast)) best = { fast: fastIn, total };
      }
    }
    if (ranges.length === 0) continue;
    const flagged = mergeRanges(ranges).flatMap(([a, b]) => rows.slice(a, b + 1).filter((_, i) => fast[a + i]));
    const share = best.fast / best.total;
    findings.push({
      detector: 'fast_device',
      subject: staffKey,
      ratingIds: flagged.map((r) => r.id),
      score: round2(share / (rule.minSharePercent / 100)),
      reason: {
        zh: `被评价人（${staffKey}）${rule.days} 天内的 ${best.total} 条评价器评价中，有 ${best.fast} 条（${percent(share)}）在发起评价后不到 ${rule.seconds} 秒提交（规则：至少 ${rule.minCount} 条且占 ${rule.minSharePercent}%）`,
        en: `Of ${best.total} device ratings of ${staffKey} within ${rule.days} days, ${best.fast} (${percent(share)}) came less than ${rule.seconds} s after the rating screen was asked for (rule: at least ${rule.minCount} and ${rule.minSharePercent}%)`,
      },
      evidence: { fast: best.fast, total: best.total, flagged: flagged.length, seconds: rule.seconds, days: rule.days },
    });
  }
  return findings;
}
