import { byTime, dayOf, groupBy, mergeRanges, round2, uniqueById, type Finding, type Reason } from './finding.ts';

/** Where a burst came from: a window rating device (评价器), a network address, or a real-name phone. */
export type BurstSource = 'device' | 'ip' | 'phone';

export interface KeyedRating {
  id: number;
  at: Date;
  /** The device id, the keyed hash of the address, or the blind index of the phone; null = unknown. */
  key: string | null;
}

export interface BurstRule {
  count: number;
  minutes: number;
}

const DETECTOR = { device: 'burst_device', ip: 'burst_ip', phone: 'burst_phone' } as const;

function reasonOf(source: BurstSource, key: string, peak: number, total: number, rule: BurstRule): Reason {
  const rule_zh = `规则：${rule.minutes} 分钟内 ${rule.count} 条`;
  const rule_en = `rule: ${rule.count} within ${rule.minutes} min`;
  switch (source) {
    case 'device':
      return {
        zh: `评价器 #${key} 在 ${rule.minutes} 分钟内收到 ${peak} 条评价（${rule_zh}），这一轮共 ${total} 条`,
        en: `Rating device #${key} took ${peak} ratings within ${rule.minutes} minutes (${rule_en}); ${total} in this run`,
      };
    case 'ip':
      return {
        zh: `同一网络地址在 ${rule.minutes} 分钟内提交 ${peak} 条评价（${rule_zh}），这一轮共 ${total} 条`,
        en: `One network address submitted ${peak} ratings within ${rule.minutes} minutes (${rule_en}); ${total} in this run`,
      };
    case 'phone':
      return {
        zh: `同一手机号（实名评价）在 ${rule.minutes} 分钟内评价 ${peak} 个办件（${rule_zh}），这一轮共 ${total} 条`,
        en: `One phone (real-name) rated ${peak} cases within ${rule.minutes} minutes (${rule_en}); ${total} in this run`,
      };
  }
}

/**
 * Bursts (集中评价): at least `rule.count` ratings with the same key within any `rule.minutes`
 * (both ends included). Overlapping windows make one run; each run is one finding, named after its
 * key and the Beijing day it began.
 *
 * @example
 * detectBursts('device', sixRatingsOfDevice12WithinFourMinutes, { count: 6, minutes: 5 })
 * // → [{ detector: 'burst_device', subject: 'device:12@2026-11-03', ratingIds: [...6 ids], score: 1, ... }]
 */
export function detectBursts(source: BurstSource, ratings: readonly KeyedRating[], rule: BurstRule): Finding[] {
  const span = rule.minutes * 60_000;
  const findings: Finding[] = [];
  for (const [key, group] of groupBy(uniqueById(ratings), (r) => r.key)) {
    const rows = [...group].sort(byTime);
    const ranges: [number, number][] = [];
    const peaks: number[] = [];
    let from = 0;
    for (let to = 0; to < rows.length; to++) {
      while (rows[to]!.at.getTime() - rows[from]!.at.getTime() > span) from++;
      if (to - from + 1 >= rule.count) {
        ranges.push([from, to]);
        peaks.push(to - from + 1);
      }
    }
    for (const [a, b] of mergeRanges(ranges)) {
      const run = rows.slice(a, b + 1);
      // The largest window count inside this run (a window of the run lies within [a, b]).
      const peak = Math.max(...ranges.map(([x, y], i) => (x >= a && y <= b ? peaks[i]! : 0)));
      const label = key.slice(0, 16);
      findings.push({
        detector: DETECTOR[source],
        subject: `${source}:${label}@${dayOf(run[0]!.at)}`,
        ratingIds: run.map((r) => r.id),
        score: round2(peak / rule.count),
        reason: reasonOf(source, label, peak, run.length, rule),
        evidence: { peak, ratings: run.length, count: rule.count, minutes: rule.minutes, from: run[0]!.at.toISOString(), to: run[run.length - 1]!.at.toISOString() },
      });
    }
  }
  return findings;
}
