import type { Level } from '../evaluation/policy.ts';

/**
 * The detectors of manipulated ratings (刷评 / 恶意评价). Each one looks at stored ratings and names
 * those that fit a pattern, with a reason; a person in the review queue decides. Nothing is deleted
 * or changed by a detector.
 */
export const DETECTORS = ['burst_device', 'burst_ip', 'burst_phone', 'fast_device', 'self_rating', 'identical_text', 'level_skew'] as const;
export type DetectorName = (typeof DETECTORS)[number];

export const DETECTOR_NAMES: Record<DetectorName, { zh: string; en: string }> = {
  burst_device: { zh: '同一评价器集中评价', en: 'Burst from one rating device' },
  burst_ip: { zh: '同一网络地址集中评价', en: 'Burst from one network address' },
  burst_phone: { zh: '同一手机号集中评价', en: 'Burst from one phone' },
  fast_device: { zh: '评价器发起后秒评', en: 'Device rating seconds after the clerk asked' },
  self_rating: { zh: '工作人员自评', en: 'Staff rating their own case' },
  identical_text: { zh: '不同办件相同评价文字', en: 'Identical text on different cases' },
  level_skew: { zh: '窗口评价等级分布异常', en: 'Unusual level mix at a window' },
};

/**
 * The thresholds of the detectors, part of a region's evaluation policy (EvaluationPolicy.detection).
 * Kept flat (numbers and lists only) so a stored version missing a field later added takes just that
 * field's default.
 */
export interface DetectionPolicy {
  /** The detectors that run for ratings of the region; a region may switch any of them off. */
  enabled: DetectorName[];
  /** At least `burstDeviceCount` ratings from one window device (评价器) within `burstDeviceMinutes`. */
  burstDeviceCount: number;
  burstDeviceMinutes: number;
  /** At least `burstIpCount` ratings from one network address (public pages) within `burstIpMinutes`. */
  burstIpCount: number;
  burstIpMinutes: number;
  /** At least `burstPhoneCount` real-name ratings from one phone within `burstPhoneMinutes`. */
  burstPhoneCount: number;
  burstPhoneMinutes: number;
  /** A device rating submitted less than this many seconds after the clerk asked the device is "fast". */
  fastDeviceSeconds: number;
  /** Flagged when one staff member has at least this many fast device ratings within `fastDeviceDays`… */
  fastDeviceMinCount: number;
  /** …and they are at least this share (percent) of the staff member's device ratings in those days. */
  fastDeviceMinSharePercent: number;
  fastDeviceDays: number;
  /** Texts shorter than this (after normalising) are never compared: "很好" is everybody's text. */
  identicalTextMinLength: number;
  /** The same text on at least this many different cases of one unit within `identicalTextDays`. */
  identicalTextMinCases: number;
  identicalTextDays: number;
  /** A text seen at this many units or more in those days is a common phrase, not a campaign. */
  identicalTextCommonUnits: number;
  /** Levels whose share at a window is compared with the region's (e.g. 5 刷好评, 1 恶意差评). */
  skewLevels: Level[];
  /** The period looked at, in days up to the newest rating scanned. */
  skewDays: number;
  /** Windows with fewer active ratings in the period are not judged. */
  skewMinVolume: number;
  /** One-sided binomial z score at least this… */
  skewMinZ: number;
  /** …and the window's share at least this many percentage points above the region's. */
  skewMinExcessPercent: number;
}

export const DEFAULT_DETECTION_POLICY: DetectionPolicy = {
  enabled: [...DETECTORS],
  burstDeviceCount: 6,
  burstDeviceMinutes: 5,
  burstIpCount: 6,
  burstIpMinutes: 10,
  burstPhoneCount: 4,
  burstPhoneMinutes: 60,
  fastDeviceSeconds: 3,
  fastDeviceMinCount: 5,
  fastDeviceMinSharePercent: 50,
  fastDeviceDays: 7,
  identicalTextMinLength: 10,
  identicalTextMinCases: 3,
  identicalTextDays: 7,
  identicalTextCommonUnits: 4,
  skewLevels: [5, 1],
  skewDays: 30,
  skewMinVolume: 30,
  skewMinZ: 4,
  skewMinExcessPercent: 10,
};

export interface DetectionPolicyProblem {
  field: string;
  reason: string;
}

const intIn = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Consistency of the thresholds; fields are named `detection.<field>` as in the policy. */
export function checkDetectionPolicy(d: DetectionPolicy): DetectionPolicyProblem[] {
  const problems: DetectionPolicyProblem[] = [];
  const f = (field: string) => `detection.${field}`;
  if (new Set(d.enabled).size !== d.enabled.length) problems.push({ field: f('enabled'), reason: 'a detector appears twice' });
  d.enabled.forEach((n, i) => {
    if (!DETECTORS.includes(n)) problems.push({ field: f(`enabled.${i}`), reason: `one of ${DETECTORS.join(', ')}` });
  });
  const ranges: [keyof DetectionPolicy, number, number, string][] = [
    ['burstDeviceCount', 2, 1000, '2 to 1000 ratings'],
    ['burstDeviceMinutes', 1, 24 * 60, '1 minute to 1 day'],
    ['burstIpCount', 2, 1000, '2 to 1000 ratings'],
    ['burstIpMinutes', 1, 24 * 60, '1 minute to 1 day'],
    ['burstPhoneCount', 2, 1000, '2 to 1000 ratings'],
    ['burstPhoneMinutes', 1, 24 * 60, '1 minute to 1 day'],
    ['fastDeviceSeconds', 1, 120, '1 to 120 seconds'],
    ['fastDeviceMinCount', 2, 1000, '2 to 1000 ratings'],
    ['fastDeviceMinSharePercent', 1, 100, '1 to 100 percent'],
    ['fastDeviceDays', 1, 90, '1 to 90 days'],
    ['identicalTextMinLength', 4, 500, '4 to 500 characters'],
    ['identicalTextMinCases', 2, 1000, '2 to 1000 cases'],
    ['identicalTextDays', 1, 90, '1 to 90 days'],
    ['identicalTextCommonUnits', 2, 10_000, '2 to 10000 units'],
    ['skewDays', 1, 366, '1 to 366 days'],
    ['skewMinVolume', 10, 100_000, '10 to 100000 ratings'],
    ['skewMinExcessPercent', 1, 100, '1 to 100 percentage points'],
  ];
  for (const [field, min, max, reason] of ranges) if (!intIn(d[field], min, max)) problems.push({ field: f(field), reason });
  if (typeof d.skewMinZ !== 'number' || !Number.isFinite(d.skewMinZ) || d.skewMinZ < 1 || d.skewMinZ > 20) problems.push({ field: f('skewMinZ'), reason: 'a number from 1 to 20' });
  if (new Set(d.skewLevels).size !== d.skewLevels.length) problems.push({ field: f('skewLevels'), reason: 'a level appears twice' });
  if (d.skewLevels.some((l) => !intIn(l, 1, 5))) problems.push({ field: f('skewLevels'), reason: 'levels are 1 to 5' });
  return problems;
}
