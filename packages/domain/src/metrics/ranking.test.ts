import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRankingPolicy, rankingMethodText, rankObjects, type RankingInput } from './ranking.ts';

const input = (key: string, volume: number, mean: number, bad = 0): RankingInput => ({ key, volume, levelSum: Math.round(volume * mean), bad });

describe('fair rankings', () => {
  it('five perfect ratings do not outrank five hundred averaging 4.9; below the minimum volume nothing is ranked', () => {
    const r = rankObjects([input('small', 5, 5), input('big', 500, 4.9), input('mid', 100, 4.5), input('tiny', 2, 1)], { minVolume: 5, priorWeight: 20 }, 'satisfaction');
    expect(r.items.map((i) => [i.key, i.rank])).toEqual([['big', 1], ['small', 2], ['mid', 3], ['tiny', null]]);
    expect(r.items[1]!.raw).toBe(100);
    expect(r.items[1]!.smoothed!).toBeLessThan(r.items[0]!.smoothed!);
    expect(r.prior).toBeCloseTo((20 * (25 + 2450 + 450 + 2)) / 607, 10);
  });

  it('the smoothed figure lies between the object’s own figure and the prior; with no prior weight it is the own figure', () => {
    const obj = fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), volume: fc.integer({ min: 1, max: 300 }), mean: fc.double({ min: 1, max: 5, noNaN: true }) });
    fc.assert(fc.property(fc.array(obj, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 50 }), (objs, m) => {
      const r = rankObjects(objs.map((o, i) => input(`${o.key}${i}`, o.volume, o.mean)), { minVolume: 1, priorWeight: m }, 'satisfaction');
      for (const i of r.items) {
        const [lo, hi] = [Math.min(i.raw!, r.prior!), Math.max(i.raw!, r.prior!)];
        expect(i.smoothed!).toBeGreaterThanOrEqual(lo - 1e-9);
        expect(i.smoothed!).toBeLessThanOrEqual(hi + 1e-9);
        if (m === 0) expect(i.smoothed!).toBeCloseTo(i.raw!, 9);
      }
      // Ranks are 1-based, never decrease down the list, and equal figures share one.
      const ranks = r.items.map((i) => i.rank!);
      expect(ranks[0]).toBe(1);
      for (let k = 1; k < ranks.length; k++) expect(ranks[k]).toBeGreaterThanOrEqual(ranks[k - 1]!);
    }));
  });

  it('bad-rating rate ranks the lowest first, and equal figures share a rank', () => {
    const r = rankObjects([input('a', 50, 4, 5), input('b', 50, 4, 1), input('c', 50, 4, 5), input('d', 50, 4, 9)], { minVolume: 10, priorWeight: 0 }, 'badRate');
    expect(r.items.map((i) => [i.key, i.rank])).toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
  });

  it('nothing to rank: no prior and no ranks', () => {
    const r = rankObjects([input('a', 0, 0)], { minVolume: 1, priorWeight: 5 }, 'satisfaction');
    expect(r.prior).toBeNull();
    expect(r.items).toEqual([{ key: 'a', volume: 0, raw: null, smoothed: null, rank: null }]);
  });

  it('checks its policy and writes its method with the region’s numbers', () => {
    expect(checkRankingPolicy({ minVolume: 0, priorWeight: -1 }).map((p) => p.field)).toEqual(['ranking.minVolume', 'ranking.priorWeight']);
    expect(checkRankingPolicy({ minVolume: 20, priorWeight: 10 })).toEqual([]);
    const text = rankingMethodText({ minVolume: 30, priorWeight: 15 });
    expect(text.zh).toContain('少于 30 条');
    expect(text.en).toContain('15 × figure of all objects');
  });
});
