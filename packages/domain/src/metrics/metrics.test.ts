import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORK_ORDER_STATES, type WorkOrderState } from '../work-order/work-order.ts';
import { addCounts, emptyCounts, STAT_LEVELS, type StatCounts, type StatLevel } from './counts.ts';
import { computeMetrics, METRICS_FORMULA_VERSION, satisfactionScore } from './metrics.ts';
import { orderMilestones } from './order-milestones.ts';

/** A rating, a completed case or a work order, as the rollup triggers see them. */
type Rating = { kind: 'active' | 'default'; level: StatLevel; bad: boolean; realName: boolean; excluded: null | 'mistaken' | 'malicious'; superseded: boolean };
type CompletedCase = { first: null | 'active' | 'default' };
type Order = { state: WorkOrderState; reviewRound: number; realName: boolean; redCard: boolean };
type Events = { ratings: Rating[]; cases: CompletedCase[]; orders: Order[] };

const BAD: readonly StatLevel[] = [2, 1];
const rating = fc.record({
  kind: fc.constantFrom('active' as const, 'default' as const),
  level: fc.constantFrom(...STAT_LEVELS),
  realName: fc.boolean(),
  excluded: fc.constantFrom(null, null, null, 'mistaken' as const, 'malicious' as const),
  superseded: fc.boolean(),
}).map((r): Rating => ({ ...r, level: r.kind === 'default' ? 3 : r.level, bad: r.kind === 'active' && BAD.includes(r.level) }));
const order = fc.record({ state: fc.constantFrom(...WORK_ORDER_STATES), reviewRound: fc.integer({ min: 1, max: 3 }), realName: fc.boolean(), redCard: fc.boolean() });
const events = fc.record({
  ratings: fc.array(rating, { maxLength: 60 }),
  cases: fc.array(fc.record({ first: fc.constantFrom(null, 'active' as const, 'default' as const) }), { maxLength: 60 }),
  orders: fc.array(order, { maxLength: 40 }),
});

/** The reference count: what the rollup triggers add for each event (docs/domain/metrics.md). */
function countsOf(e: Events): StatCounts {
  const c = emptyCounts();
  for (const r of e.ratings) {
    if (r.excluded) c[r.excluded === 'mistaken' ? 'ex_mistaken' : 'ex_malicious']++;
    else if (r.superseded) c.superseded++;
    else if (r.kind === 'active') {
      c[`a${r.level}`]++;
      if (r.bad) c.a_bad++;
      if (r.realName) c.a_real_name++;
      if (r.realName && r.bad) c.a_real_name_bad++;
    } else {
      c[`d${r.level}`]++;
      if (r.bad) c.d_bad++;
    }
  }
  for (const k of e.cases) {
    c.c_completed++;
    if (k.first === 'active') c.c_rated_active++;
    if (k.first === 'default') c.c_rated_default++;
  }
  for (const o of e.orders) {
    const m = orderMilestones(o.state, o.reviewRound);
    c.o_opened++;
    if (m.appealUpheld) {
      c.o_appeal_upheld++;
      continue;
    }
    c.o_unrectifiable += +m.unrectifiable;
    c.o_rectified += +m.rectified;
    c.o_replied += +m.replied;
    c.o_revisited += +m.revisited;
    c.o_satisfied += +m.satisfied;
    c.o_overdue += +o.redCard;
    if (o.realName) {
      c.o_real_name++;
      c.o_real_name_rectified += +m.rectified;
      c.o_real_name_revisited += +m.revisited;
    }
  }
  return c;
}

const rates = (m: ReturnType<typeof computeMetrics>) => [
  m.ratings.goodRate, m.ratings.badRate,
  m.participation?.activeRate, m.participation?.defaultRate, m.participation?.unratedRate,
  m.workOrders.rectificationRate, m.workOrders.replyRate, m.workOrders.revisitRate, m.workOrders.revisitSatisfactionRate, m.workOrders.overdueRate,
  m.workOrders.realName.rectificationRate, m.workOrders.realName.revisitRate,
];

describe('metrics (formula version 1)', () => {
  it('every rate lies in [0, 1] or is null when there is nothing to divide by', () => {
    fc.assert(fc.property(events, fc.constantFrom('active' as const, 'default' as const), (e, kind) => {
      for (const r of rates(computeMetrics(countsOf(e), kind))) {
        if (r === null || r === undefined) continue;
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }
    }));
  });

  it('good + bad = counted ratings, and 好评率 + 差评率 = 1', () => {
    fc.assert(fc.property(events, fc.constantFrom('active' as const, 'default' as const), (e, kind) => {
      const m = computeMetrics(countsOf(e), kind).ratings;
      expect(m.good + m.bad).toBe(m.total);
      expect(STAT_LEVELS.reduce((s, l) => s + m.byLevel[l], 0)).toBe(m.total);
      if (m.total > 0) expect(m.goodRate! + m.badRate!).toBeCloseTo(1, 12);
      else expect([m.goodRate, m.badRate, m.satisfactionScore]).toEqual([null, null, null]);
    }));
  });

  it('active and default ratings are never mixed; excluded and superseded ratings never counted', () => {
    fc.assert(fc.property(events, (e) => {
      const c = countsOf(e);
      const counted = e.ratings.filter((r) => !r.excluded && !r.superseded);
      expect(computeMetrics(c, 'active').ratings.total).toBe(counted.filter((r) => r.kind === 'active').length);
      expect(computeMetrics(c, 'default').ratings.total).toBe(counted.filter((r) => r.kind === 'default').length);
      const m = computeMetrics(c, 'active');
      expect(m.appealsUpheld.total).toBe(e.ratings.filter((r) => r.excluded).length);
      expect(m.superseded).toBe(e.ratings.filter((r) => !r.excluded && r.superseded).length);
    }));
  });

  it('主动评价率 + 默认评价率 + 未评率 = 1 over the completed cases', () => {
    fc.assert(fc.property(events, (e) => {
      const p = computeMetrics(countsOf(e), 'active').participation!;
      expect(p.activelyRated + p.defaultRated + p.unrated).toBe(p.completedCases);
      expect(p.unrated).toBeGreaterThanOrEqual(0);
      if (p.completedCases > 0) expect(p.activeRate! + p.defaultRate! + p.unratedRate!).toBeCloseTo(1, 12);
    }));
  });

  it('the closed loop: satisfied ≤ revisited ≤ counted, rectified ≤ counted − unrectifiable, appeals upheld left out', () => {
    fc.assert(fc.property(events, (e) => {
      const w = computeMetrics(countsOf(e), 'active').workOrders;
      expect(w.counted).toBe(e.orders.filter((o) => o.state !== 'closed_appeal_upheld').length);
      expect(w.satisfied).toBeLessThanOrEqual(w.revisited);
      expect(w.revisited).toBeLessThanOrEqual(w.counted);
      expect(w.replied).toBeLessThanOrEqual(w.counted);
      expect(w.rectified).toBeLessThanOrEqual(w.counted - w.unrectifiable);
      expect(w.realName.rectified).toBeLessThanOrEqual(w.realName.orders);
    }));
  });

  it('满意度 is 20 × the mean level: within [20, 100], 100 only when every rating is 非常满意', () => {
    fc.assert(fc.property(events, (e) => {
      const s = computeMetrics(countsOf(e), 'active').ratings.satisfactionScore;
      if (s === null) return;
      expect(s).toBeGreaterThanOrEqual(20);
      expect(s).toBeLessThanOrEqual(100);
    }));
    expect(satisfactionScore({ 5: 3, 4: 0, 3: 0, 2: 0, 1: 0 })).toBe(100);
    expect(satisfactionScore({ 5: 1, 4: 1, 3: 1, 2: 1, 1: 1 })).toBe(60);
    expect(satisfactionScore({ 5: 0, 4: 0, 3: 0, 2: 0, 1: 2 })).toBe(20);
    // 2 × 5 + 1 × 2 = 12 over 3 ratings: mean 4, 80 points.
    expect(satisfactionScore({ 5: 2, 4: 0, 3: 0, 2: 1, 1: 0 })).toBe(80);
  });

  it('counts add up: the metrics of two disjoint slices together are those of their union', () => {
    fc.assert(fc.property(events, events, (a, b) => {
      const union = { ratings: [...a.ratings, ...b.ratings], cases: [...a.cases, ...b.cases], orders: [...a.orders, ...b.orders] };
      expect(computeMetrics(addCounts(countsOf(a), countsOf(b)), 'active')).toEqual(computeMetrics(countsOf(union), 'active'));
    }));
  });

  it('carries its formula version, and leaves participation out where cases cannot be counted', () => {
    const m = computeMetrics(emptyCounts(), 'active', false);
    expect(m.formulaVersion).toBe(METRICS_FORMULA_VERSION);
    expect(m.participation).toBeNull();
    expect(m.workOrders.rectificationRate).toBeNull();
  });

  it('a worked example', () => {
    const c = emptyCounts();
    Object.assign(c, { a5: 6, a4: 2, a3: 1, a1: 1, a_bad: 1, d3: 4, c_completed: 20, c_rated_active: 10, c_rated_default: 4, o_opened: 3, o_appeal_upheld: 1, o_rectified: 1, o_replied: 1, o_revisited: 1, o_satisfied: 1 });
    const m = computeMetrics(c, 'active');
    expect(m.ratings).toMatchObject({ total: 10, good: 9, bad: 1, goodRate: 0.9, badRate: 0.1 });
    // (6×5 + 2×4 + 3 + 1) / 10 = 4.2 → 84 points.
    expect(m.ratings.satisfactionScore).toBeCloseTo(84, 10);
    expect(m.participation).toMatchObject({ unrated: 6, activeRate: 0.5, defaultRate: 0.2, unratedRate: 0.3 });
    expect(m.workOrders).toMatchObject({ counted: 2, rectificationRate: 0.5, replyRate: 0.5, revisitRate: 0.5, revisitSatisfactionRate: 1 });
    expect(computeMetrics(c, 'default').ratings).toMatchObject({ total: 4, satisfactionScore: 60, badRate: 0 });
  });
});
