import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../metrics/metrics.ts';
import { emptyCounts } from '../metrics/counts.ts';
import {
  checkPublicationPolicy,
  DEFAULT_PUBLICATION_POLICY,
  maskPersonalNumbers,
  PUBLIC_METRICS,
  publicFigures,
  publishedByBoth,
} from './publication-policy.ts';

const counts = (over: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...over });

describe('what the portal publishes', () => {
  it('by default everything is published (公开为常态)', () => {
    expect(DEFAULT_PUBLICATION_POLICY.enabled).toBe(true);
    expect(DEFAULT_PUBLICATION_POLICY.metrics).toEqual([...PUBLIC_METRICS]);
    expect(DEFAULT_PUBLICATION_POLICY.replies && DEFAULT_PUBLICATION_POLICY.rankings).toBe(true);
    expect(checkPublicationPolicy(DEFAULT_PUBLICATION_POLICY)).toEqual([]);
  });

  it('publishes only the figures named, and none below the minimum volume', () => {
    const m = computeMetrics(counts({ a5: 6, a2: 2, a_bad: 2, c_completed: 10, c_rated_active: 8, o_opened: 2, o_rectified: 1 }), 'active');
    const all = publicFigures(m, PUBLIC_METRICS, 5);
    expect(all).toMatchObject({ volume: 8, withheld: false, satisfaction: 85, badRate: 0.25, levelCounts: { 5: 6, 4: 0, 3: 0, 2: 2, 1: 0 }, activeRate: 0.8, rectificationRate: 0.5 });
    const some = publicFigures(m, ['satisfaction'], 5);
    expect(Object.keys(some).sort()).toEqual(['satisfaction', 'volume', 'withheld']);
    expect(publicFigures(m, PUBLIC_METRICS, 9)).toEqual({ volume: 8, withheld: true });
  });

  it('a unit on a region’s page follows whichever of the two policies publishes less', () => {
    const a = { ...DEFAULT_PUBLICATION_POLICY, metrics: ['satisfaction', 'badRate'] as const, withheldUnitIds: [3] };
    const b = { ...DEFAULT_PUBLICATION_POLICY, metrics: ['badRate', 'replyRate'] as const, replyLevels: [1] as const, minVolume: 12, withheldUnitIds: [7] };
    const both = publishedByBoth({ ...a, metrics: [...a.metrics] }, { ...b, metrics: [...b.metrics], replyLevels: [...b.replyLevels] });
    expect(both).toMatchObject({ metrics: ['badRate'], replyLevels: [1], minVolume: 12, withheldUnitIds: [3, 7] });
  });

  it('checks its own numbers and lists', () => {
    const bad = { ...DEFAULT_PUBLICATION_POLICY, metrics: ['satisfaction', 'nope'], replyLevels: [6], minVolume: 0, withheldUnitIds: [0], readsPerIpPerMinute: 0 };
    expect(checkPublicationPolicy(bad as never).map((p) => p.field)).toEqual([
      'publication.metrics', 'publication.replyLevels', 'publication.minVolume', 'publication.withheldUnitIds', 'publication.readsPerIpPerMinute',
    ]);
    expect(checkPublicationPolicy({ ...DEFAULT_PUBLICATION_POLICY, replyLevels: [] })[0]!.field).toBe('publication.replyLevels');
    expect(checkPublicationPolicy({ ...DEFAULT_PUBLICATION_POLICY, replies: false, replyLevels: [] })).toEqual([]);
    expect(checkPublicationPolicy(undefined)[0]!.field).toBe('publication');
  });
});

describe('masking an evaluator’s text', () => {
  it('masks phones, ID numbers, landlines and e-mail addresses, and leaves dates and amounts', () => {
    expect(maskPersonalNumbers('我叫张三，电话13812341234')).toBe('我叫张三，电话***********');
    expect(maskPersonalNumbers('身份证640181199003071234，座机0951-1234567')).toBe('身份证******************，座机************');
    expect(maskPersonalNumbers('邮箱 a.b@example.com')).toBe('邮箱 ***************');
    expect(maskPersonalNumbers('2026年11月5日交了120元，等了3天')).toBe('2026年11月5日交了120元，等了3天');
  });

  it('never lets a mobile number through, wherever it stands in the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.stringMatching(/^1[3-9][0-9]{9}$/), fc.string({ maxLength: 20 }), (before, phone, after) => {
        // A digit right before or after makes a longer number, which is not a phone; keep the edges non-digits.
        const text = `${before}，${phone}，${after}`;
        return !maskPersonalNumbers(text).includes(phone);
      }),
    );
  });
});
