import { describe, expect, it } from 'vitest';
import { WORK_ORDER_STATES } from '../work-order/work-order.ts';
import { orderMilestones } from './order-milestones.ts';

describe('work-order milestones for the statistics', () => {
  it('hold their implications in every state and review round', () => {
    for (const state of WORK_ORDER_STATES) {
      for (const round of [1, 2, 3]) {
        const m = orderMilestones(state, round);
        if (m.satisfied) expect(m.revisited).toBe(true);
        if (m.revisited) expect(m.replied).toBe(true);
        if (m.appealUpheld) expect(Object.values(m).filter(Boolean)).toEqual([true]);
        if (m.unrectifiable) expect(m.rectified).toBe(false);
      }
    }
  });

  it('the first pass counts what was reached; a review round (复核) means the first pass was revisited', () => {
    expect(orderMilestones('decided', 1)).toMatchObject({ rectified: false, replied: false });
    expect(orderMilestones('rectified', 1)).toMatchObject({ rectified: true, replied: false });
    expect(orderMilestones('feedback_given', 1)).toMatchObject({ rectified: true, replied: true, revisited: false });
    expect(orderMilestones('closed_resolved', 1)).toMatchObject({ revisited: true, satisfied: true });
    expect(orderMilestones('closed_unresolved', 2)).toMatchObject({ revisited: true, satisfied: false });
    expect(orderMilestones('assigned', 2)).toMatchObject({ rectified: true, replied: true, revisited: true, satisfied: false });
    expect(orderMilestones('closed_appeal_upheld', 2)).toMatchObject({ appealUpheld: true, revisited: false });
    expect(orderMilestones('closed_unrectifiable', 2)).toMatchObject({ unrectifiable: true, rectified: false, replied: true });
  });
});
