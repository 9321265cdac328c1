import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy, NATIONAL_DEFAULT_POLICY, withPolicyDefaults } from '../evaluation/policy.ts';
import { detectBursts } from './burst.ts';
import { checkDetectionPolicy, DEFAULT_DETECTION_POLICY } from './detection-policy.ts';
import { detectFastDevice, isFast } from './fast-device.ts';
import { detectIdenticalTexts, normaliseText } from './identical-text.ts';
import { levelSkew, levelSkewFinding } from './level-skew.ts';
import { detectSelfRatings } from './self-rating.ts';

const t0 = Date.parse('2026-11-03T02:00:00Z');
const min = (m: number) => new Date(t0 + m * 60_000);
const sec = (s: number) => new Date(t0 + s * 1000);

describe('the detection section of the policy', () => {
  it('is part of the national default and passes its own check', () => {
    expect(NATIONAL_DEFAULT_POLICY.detection).toEqual(DEFAULT_DETECTION_POLICY);
    expect(checkDetectionPolicy(DEFAULT_DETECTION_POLICY)).toEqual([]);
    expect(checkPolicy(NATIONAL_DEFAULT_POLICY)).toEqual([]);
  });

  it('a version stored before the section existed gets the defaults, a version missing one field gets that field', () => {
    const { detection: _, ...old } = NATIONAL_DEFAULT_POLICY;
    expect(withPolicyDefaults(old).detection).toEqual(DEFAULT_DETECTION_POLICY);
    const { skewMinZ: __, ...partial } = { ...DEFAULT_DETECTION_POLICY, burstIpCount: 9 };
    expect(withPolicyDefaults({ ...old, detection: partial as never }).detection).toEqual({ ...DEFAULT_DETECTION_POLICY, burstIpCount: 9 });
  });

  it('names the offending field of a bad threshold', () => {
    const bad = { ...DEFAULT_DETECTION_POLICY, burstDeviceCount: 1, skewMinZ: 0, skewLevels: [5, 5], enabled: ['burst_ip', 'nonsense'] } as never;
    expect(checkDetectionPolicy(bad).map((p) => p.field).sort()).toEqual(['detection.burstDeviceCount', 'detection.enabled.1', 'detection.skewLevels', 'detection.skewMinZ']);
    expect(checkPolicy({ ...NATIONAL_DEFAULT_POLICY, detection: bad }).some((p) => p.field === 'detection.burstDeviceCount')).toBe(true);
  });
});

describe('bursts from one device, address or phone', () => {
  const rule = { count: 6, minutes: 5 };
  it('six ratings of one device within five minutes are one burst; the other device is not', () => {
    const ratings = [
      ...[0, 0.5, 1, 2, 3, 4.5].map((m, i) => ({ id: i + 1, at: min(m), key: '12' })),
      ...[0, 1, 2, 3, 4].map((m, i) => ({ id: 100 + i, at: min(m), key: '13' })),
    ];
    const [f, ...rest] = detectBursts('device', ratings, rule);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ detector: 'burst_device', subject: 'device:12@2026-11-03', ratingIds: [1, 2, 3, 4, 5, 6], score: 1 });
    expect(f!.reason.zh).toContain('评价器 #12 在 5 分钟内收到 6 条评价');
  });

  it('both ends of the window count; one minute more and it is not a burst', () => {
    const at = (span: number) => [0, 1, 2, 3, 4, span].map((m, i) => ({ id: i, at: min(m), key: 'k' }));
    expect(detectBursts('ip', at(5), rule)).toHaveLength(1);
    expect(detectBursts('ip', at(5.01), rule)).toEqual([]);
  });

  it('two bursts hours apart are two findings; ratings without a key are never grouped', () => {
    const ratings = [
      ...[0, 1, 2, 3, 4, 4].map((m, i) => ({ id: i, at: min(m), key: 'p' })),
      ...[300, 301, 302, 303, 304, 304].map((m, i) => ({ id: 10 + i, at: min(m), key: 'p' })),
      ...[0, 0, 0, 0, 0, 0, 0].map((m, i) => ({ id: 50 + i, at: min(m), key: null })),
    ];
    expect(detectBursts('phone', ratings, { count: 6, minutes: 10 }).map((f) => f.ratingIds.length)).toEqual([6, 6]);
  });

  it('property: a flagged rating always lies in some window of `minutes` holding `count` ratings of its key, and every such window is flagged', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ m: fc.integer({ min: 0, max: 120 }), key: fc.constantFrom('a', 'b') }), { maxLength: 60 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 15 }), (raw, count, minutes) => {
        const ratings = raw.map((r, i) => ({ id: i, at: min(r.m), key: r.key }));
        const flagged = new Set(detectBursts('device', ratings, { count, minutes }).flatMap((f) => f.ratingIds));
        for (const r of ratings) {
          const windows = ratings.filter((s) => s.key === r.key).map((s) => s.at.getTime());
          // r is in a full window iff some start t ≤ r.at ≤ t + span holds ≥ count ratings of the key.
          const inFull = windows.some((start) => start <= r.at.getTime() && r.at.getTime() - start <= minutes * 60_000 && windows.filter((x) => x >= start && x - start <= minutes * 60_000).length >= count);
          expect(flagged.has(r.id)).toBe(inFull);
        }
      }),
    );
  });
});

describe('device ratings seconds after the clerk asked, again and again', () => {
  const rule = { seconds: 3, minCount: 5, minSharePercent: 50, days: 7 };
  const rating = (id: number, day: number, latency: number, staffKey = 'staff:7') => ({ id, at: new Date(t0 + day * 86_400_000 + latency * 1000), invitedAt: new Date(t0 + day * 86_400_000), staffKey });

  it('flags the fast ratings of a staff member whose ratings are mostly fast, never the slow ones', () => {
    const ratings = [...[0, 1, 1, 2, 3, 4].map((d, i) => rating(i + 1, d, 1.2)), rating(20, 2, 15), rating(21, 3, 9)];
    const [f, ...rest] = detectFastDevice(ratings, rule);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ detector: 'fast_device', subject: 'staff:7', ratingIds: [1, 2, 3, 4, 5, 6] });
    expect(f!.evidence).toMatchObject({ flagged: 6 });
    expect(f!.evidence.fast as number / (f!.evidence.total as number)).toBeGreaterThanOrEqual(0.5);
  });

  it('an occasional quick evaluator at a busy window is not a pattern', () => {
    const ratings = Array.from({ length: 60 }, (_, i) => rating(i, i / 10, i % 10 === 0 ? 2 : 12));
    expect(detectFastDevice(ratings, rule)).toEqual([]);
  });

  it('fast ratings spread over more days than the rule looks at do not add up', () => {
    const ratings = [0, 8, 16, 24, 32, 40].map((d, i) => rating(i, d, 1));
    expect(detectFastDevice(ratings, rule)).toEqual([]);
  });

  it('isFast: below the seconds, not at them', () => {
    expect(isFast({ invitedAt: sec(0), at: sec(2.999) }, 3)).toBe(true);
    expect(isFast({ invitedAt: sec(0), at: sec(3) }, 3)).toBe(false);
  });
});

describe('staff rating their own cases', () => {
  it('matches the rated staff member’s phone or ID number, and nobody else’s', () => {
    const staff = [{ staffId: 7, phoneBidx: 'P7', idBidx: 'I7' }, { staffId: 8, phoneBidx: 'P8', idBidx: null }];
    const ratings = [
      { id: 1, staffId: 7, evaluatorPhoneBidx: 'P7', evaluatorIdBidx: null },
      { id: 2, staffId: 7, evaluatorPhoneBidx: 'PX', evaluatorIdBidx: 'I7' },
      { id: 3, staffId: 7, evaluatorPhoneBidx: 'P8', evaluatorIdBidx: null },
      { id: 4, staffId: 8, evaluatorPhoneBidx: null, evaluatorIdBidx: null },
      { id: 5, staffId: null, evaluatorPhoneBidx: 'P7', evaluatorIdBidx: 'I7' },
    ];
    const f = detectSelfRatings(ratings, staff);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ subject: 'staff:7', ratingIds: [1, 2], evidence: { byPhone: 1, byId: 1 } });
  });
});

describe('identical texts on different cases', () => {
  const rule = { minLength: 10, minCases: 3, days: 7, commonUnits: 4 };
  const text = '窗口工作人员业务熟练耐心细致值得表扬';
  it('normalises width, case, spaces and punctuation', () => {
    expect(normaliseText('ＡＢＣ 服务好！！')).toBe(normaliseText('abc服务好!'));
  });

  it('flags one text on three cases of one unit within a week, with punctuation changed', () => {
    const ratings = [
      { id: 1, caseId: 11, unitId: 1, at: min(0), text },
      { id: 2, caseId: 12, unitId: 1, at: min(60), text: `${text}！` },
      { id: 3, caseId: 13, unitId: 1, at: min(3 * 1440), text: text.split('').join(' ') },
      { id: 4, caseId: 14, unitId: 2, at: min(0), text },
    ];
    const [f, ...rest] = detectIdenticalTexts(ratings, rule);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ detector: 'identical_text', ratingIds: [1, 2, 3], evidence: { unitId: 1, cases: 3 } });
  });

  it('leaves short texts, a follow-up on the same case, texts weeks apart and phrases common across units alone', () => {
    const short = [1, 2, 3].map((i) => ({ id: i, caseId: i, unitId: 1, at: min(i), text: '服务态度很好' }));
    const sameCase = [1, 2, 3].map((i) => ({ id: 10 + i, caseId: 10 + (i === 3 ? 2 : i), unitId: 1, at: min(i), text }));
    const apart = [0, 8, 16].map((d, i) => ({ id: 20 + i, caseId: 20 + i, unitId: 1, at: min(d * 1440), text: `${text}二` }));
    const common = [1, 2, 3, 4, 5, 6].map((i) => ({ id: 30 + i, caseId: 30 + i, unitId: i % 4, at: min(i), text: '办事效率高服务态度好非常满意' }));
    expect(detectIdenticalTexts([...short, ...sameCase, ...apart, ...common], rule)).toEqual([]);
  });
});

describe('an unusual level mix at a window', () => {
  const rule = { minVolume: 30, minZ: 4, minExcessPercent: 10 };
  const region = { 5: 850, 4: 80, 3: 40, 2: 20, 1: 10 };

  it('a window with 40% non-satisfied ratings against the region’s 1% is flagged', () => {
    const s = levelSkew({ 5: 60, 1: 40 }, region, 1, rule);
    expect(s).toMatchObject({ n: 100, k: 40, share: 0.4, baseShare: 0.01 });
    expect(s!.z).toBeGreaterThan(30);
    const f = levelSkewFinding(5, s!, [1, 2], 30, { zh: '非常不满意', en: 'Very dissatisfied' }, rule);
    expect(f).toMatchObject({ detector: 'level_skew', subject: 'window:5:level:1', ratingIds: [1, 2] });
    expect(f.reason.zh).toContain('非常不满意');
  });

  it('too few ratings, a small excess, or a high z with a tiny excess are not flagged', () => {
    expect(levelSkew({ 1: 20 }, region, 1, rule)).toBeNull();
    expect(levelSkew({ 5: 95, 1: 5 }, region, 1, rule)).toBeNull();
    expect(levelSkew({ 5: 9500, 1: 500 }, { ...region, 1: 200 }, 1, { ...rule, minExcessPercent: 10 })).toBeNull();
  });

  it('property: a share at or below the region’s is never flagged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 2000 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), (n, baseShare, cut) => {
        const k = Math.floor((n * Math.min(cut, baseShare)) / 100);
        const base = { 1: baseShare * 10, 5: (100 - baseShare) * 10 };
        expect(levelSkew({ 1: k, 5: n - k }, base, 1, rule)).toBeNull();
      }),
    );
  });
});
