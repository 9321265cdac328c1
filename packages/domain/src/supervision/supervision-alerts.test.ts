import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankObjects, type RankingInput } from '../metrics/ranking.ts';
import { checkPolicy, NATIONAL_DEFAULT_POLICY, withPolicyDefaults } from '../evaluation/policy.ts';
import {
  bottomOfRanking,
  checkSupervisionAlerts,
  DEFAULT_SUPERVISION_ALERTS,
  overdueAlertDue,
  staffAlertReason,
  unitRankAlerts,
  type SupervisionAlertRules,
} from './supervision-alerts.ts';

const rules = (over: Partial<SupervisionAlertRules> = {}): SupervisionAlertRules => ({ ...DEFAULT_SUPERVISION_ALERTS, ...over });
const unit = (key: string, volume: number, bad: number): RankingInput => ({ key, volume, levelSum: 4 * volume, bad });

describe('supervision alerts (督办预警)', () => {
  it('a staff member is flagged by the number of bad ratings, or by the rate once they have enough ratings', () => {
    const r = rules({ staffMinBadRatings: 3, staffBadRateAbove: 0.2, staffMinRatings: 10 });
    expect(staffAlertReason({ ratings: 100, bad: 2 }, r)).toBeNull();
    expect(staffAlertReason({ ratings: 100, bad: 3 }, r)).toBe('count');
    // 2 of 9: a high rate, but too few ratings to judge it.
    expect(staffAlertReason({ ratings: 9, bad: 2 }, r)).toBeNull();
    // 3 of 10 is above 20 % and 3 bad ratings: both rules.
    expect(staffAlertReason({ ratings: 10, bad: 3 }, r)).toBe('count_and_rate');
    // Exactly the rate is not above it.
    expect(staffAlertReason({ ratings: 10, bad: 2 }, rules({ staffMinBadRatings: 0, staffBadRateAbove: 0.2 }))).toBeNull();
    expect(staffAlertReason({ ratings: 10, bad: 3 }, rules({ staffMinBadRatings: 0 }))).toBe('rate');
    // Rate 1 switches the rate rule off, count 0 the count rule.
    expect(staffAlertReason({ ratings: 10, bad: 10 }, rules({ staffMinBadRatings: 0, staffBadRateAbove: 1 }))).toBeNull();
  });

  it('whatever the figures, a flag by count means at least N bad ratings and a flag by rate a judged rate above X', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 50 }), (ratings, badRaw, minBad, rate, minRatings) => {
      const bad = Math.min(badRaw, ratings);
      const r = rules({ staffMinBadRatings: minBad, staffBadRateAbove: rate, staffMinRatings: minRatings });
      const reason = staffAlertReason({ ratings, bad }, r);
      const byCount = reason === 'count' || reason === 'count_and_rate';
      const byRate = reason === 'rate' || reason === 'count_and_rate';
      expect(byCount).toBe(minBad > 0 && bad >= minBad);
      expect(byRate).toBe(ratings >= minRatings && ratings > 0 && bad / ratings > rate);
    }));
  });

  it('the bottom k of a ranking: ties at the bottom share the verdict, unranked units never count', () => {
    const ranking = rankObjects([unit('a', 50, 1), unit('b', 50, 5), unit('c', 50, 9), unit('d', 50, 9), unit('small', 3, 3)], { minVolume: 10, priorWeight: 0 }, 'badRate');
    expect(ranking.items.map((i) => [i.key, i.rank])).toEqual([['a', 1], ['b', 2], ['c', 3], ['d', 3], ['small', null]]);
    expect([...bottomOfRanking(ranking, 1)].sort()).toEqual(['c', 'd']);
    expect([...bottomOfRanking(ranking, 3)].sort()).toEqual(['b', 'c', 'd']);
    expect(bottomOfRanking(ranking, 0).size).toBe(0);
  });

  it('bottom k holds at least min(k, ranked) units and never one better placed than one left out', () => {
    fc.assert(fc.property(fc.array(fc.record({ volume: fc.integer({ min: 0, max: 80 }), bad: fc.integer({ min: 0, max: 80 }) }), { maxLength: 15 }), fc.integer({ min: 0, max: 6 }), (objs, k) => {
      const ranking = rankObjects(objs.map((o, i) => unit(`u${i}`, o.volume, Math.min(o.bad, o.volume))), { minVolume: 5, priorWeight: 3 }, 'badRate');
      const ranked = ranking.items.filter((i) => i.rank !== null);
      const bottom = bottomOfRanking(ranking, k);
      expect(bottom.size).toBeGreaterThanOrEqual(Math.min(k, ranked.length));
      for (const i of ranked) for (const j of ranked) if (bottom.has(i.key) && !bottom.has(j.key)) expect(j.rank!).toBeLessThan(i.rank!);
    }));
  });

  it('a unit is flagged only with a high own rate and a low rank', () => {
    const ranking = rankObjects([unit('good', 100, 1), unit('mid', 100, 4), unit('worst', 100, 12), unit('tiny', 4, 4)], { minVolume: 20, priorWeight: 10 }, 'badRate');
    const flagged = unitRankAlerts(ranking, rules({ unitBadRateAbove: 0.05, unitBottomRanks: 2 }));
    // mid is in the bottom two but its 4 % is not above 5 %; tiny is unranked.
    expect(flagged.map((f) => f.key)).toEqual(['worst']);
    expect(flagged[0]).toMatchObject({ rank: 3, rankedCount: 3, volume: 100, badRate: 0.12 });
    expect(unitRankAlerts(ranking, rules({ unitBottomRanks: 0 }))).toEqual([]);
    expect(() => unitRankAlerts(rankObjects([], { minVolume: 1, priorWeight: 0 }, 'satisfaction'), rules())).toThrow(RangeError);
  });

  it('overdue summaries from the policy’s number of orders; 0 never', () => {
    expect(overdueAlertDue(0, rules())).toBe(false);
    expect(overdueAlertDue(1, rules())).toBe(true);
    expect(overdueAlertDue(2, rules({ unitMinOverdueOrders: 3 }))).toBe(false);
    expect(overdueAlertDue(99, rules({ unitMinOverdueOrders: 0 }))).toBe(false);
  });

  it('is part of the policy: checked, defaulted into older versions', () => {
    expect(checkSupervisionAlerts(DEFAULT_SUPERVISION_ALERTS)).toEqual([]);
    expect(checkSupervisionAlerts(rules({ staffMinBadRatings: -1, staffBadRateAbove: 1.5, staffMinRatings: 0, unitBadRateAbove: Number.NaN, unitBottomRanks: 1.5, unitMinOverdueOrders: -2 })).map((p) => p.field)).toEqual([
      'supervisionAlerts.staffMinBadRatings', 'supervisionAlerts.staffBadRateAbove', 'supervisionAlerts.staffMinRatings',
      'supervisionAlerts.unitBadRateAbove', 'supervisionAlerts.unitBottomRanks', 'supervisionAlerts.unitMinOverdueOrders',
    ]);
    expect(checkPolicy({ ...NATIONAL_DEFAULT_POLICY, supervisionAlerts: rules({ unitBottomRanks: -1 }) }).map((p) => p.field)).toEqual(['supervisionAlerts.unitBottomRanks']);
    const { supervisionAlerts: _, ...older } = NATIONAL_DEFAULT_POLICY;
    expect(withPolicyDefaults(older).supervisionAlerts).toEqual(DEFAULT_SUPERVISION_ALERTS);
    expect(withPolicyDefaults({ ...older, supervisionAlerts: { staffMinBadRatings: 7 } as SupervisionAlertRules }).supervisionAlerts).toEqual({ ...DEFAULT_SUPERVISION_ALERTS, staffMinBadRatings: 7 });
  });
});
