import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { checkPolicy, NATIONAL_DEFAULT_POLICY, withPolicyDefaults } from '../evaluation/policy.ts';
import {
  DEFAULT_WORK_ORDER_CLOCK,
  newWorkOrderStatus,
  rolesForAction,
  transition,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATES,
  workOrderDeadlines,
  type WorkOrderAction,
  type WorkOrderStatus,
} from './work-order.ts';

const now = new Date('2026-11-20T02:00:00Z');
function run(actions: WorkOrderAction[], maxReviews = 1): WorkOrderStatus {
  let o = newWorkOrderStatus();
  for (const a of actions) {
    const r = transition(o, a, now, maxReviews);
    if (!r.ok) throw new Error(`${a}: ${r.problem.reason}`);
    o = r.order;
  }
  return o;
}
const loop: WorkOrderAction[] = ['assign', 'verify', 'decide_fix_by_deadline', 'rectify', 'feedback'];
/** A review round starts back at assigned (the handler stays): verify again onwards. */
const review = loop.slice(1);

describe('the work order state machine (整改工单)', () => {
  it('runs the whole loop: unsatisfied once → review round 2 → satisfied closes resolved', () => {
    const o = run([...loop, 'revisit_unsatisfied', ...review, 'revisit_satisfied']);
    expect(o).toEqual({ state: 'closed_resolved', decision: 'fix_by_deadline', reviewRound: 2, closedAt: now });
  });

  it('a second unsatisfied revisit after the allowed review closes unresolved', () => {
    expect(run([...loop, 'revisit_unsatisfied', ...review, 'revisit_unsatisfied']).state).toBe('closed_unresolved');
    expect(run([...loop, 'revisit_unsatisfied'], 0).state).toBe('closed_unresolved');
  });

  it('an explanation (解释说明) goes to feedback without rectification; fixes must be rectified first', () => {
    expect(run(['assign', 'verify', 'decide_explain', 'feedback']).state).toBe('feedback_given');
    const decided = run(['assign', 'verify', 'decide_fix_now']);
    expect(transition(decided, 'feedback', now)).toMatchObject({ ok: false, problem: { code: 'ILLEGAL_TRANSITION' } });
    expect(transition(run(['assign', 'verify', 'decide_explain']), 'rectify', now).ok).toBe(false);
  });

  it('refuses skipped and repeated steps with ILLEGAL_TRANSITION', () => {
    expect(transition(newWorkOrderStatus(), 'verify', now)).toMatchObject({ ok: false, problem: { code: 'ILLEGAL_TRANSITION' } });
    expect(transition(run(['assign']), 'assign', now).ok).toBe(false);
    expect(transition(run([...loop, 'revisit_satisfied']), 'revisit_unsatisfied', now).ok).toBe(false);
  });

  it('the unit handles, the 12345 operator revisits', () => {
    expect(rolesForAction('rectify')).toEqual(['unit_admin', 'supervisor']);
    expect(rolesForAction('revisit_satisfied')).toContain('operator');
    expect(rolesForAction('revisit_satisfied')).not.toContain('unit_admin');
  });

  it('property: random action sequences only reach defined states and never exceed the review maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORK_ORDER_ACTIONS), { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (actions, maxReviews) => {
        let o = newWorkOrderStatus();
        for (const a of actions) {
          const r = transition(o, a, now, maxReviews);
          if (!r.ok) {
            expect(r.problem.code).toBe('ILLEGAL_TRANSITION');
            continue;
          }
          o = r.order;
          expect(WORK_ORDER_STATES).toContain(o.state);
          expect(o.reviewRound - 1).toBeLessThanOrEqual(maxReviews);
          expect(o.closedAt !== null).toBe(o.state === 'closed_resolved' || o.state === 'closed_unresolved');
          if (o.state === 'decided' || o.state === 'rectified') expect(o.decision).not.toBeNull();
        }
      }),
    );
  });
});

describe('work order deadlines in working days', () => {
  const calendar = new WorkingCalendar();
  it('over National Day 2026: the holiday does not count, the make-up Saturday 10 October does', () => {
    const d = workOrderDeadlines(new Date('2026-09-30T10:00:00+08:00'), DEFAULT_WORK_ORDER_CLOCK, calendar);
    expect(d.firstContactDue).toEqual(new Date('2026-10-09T00:00:00+08:00'));
    // 8, 9, 10 (调休), 12, 13 October: five working days.
    expect(d.rectifyDue).toEqual(new Date('2026-10-14T00:00:00+08:00'));
    expect(d.feedbackDue).toEqual(new Date('2026-10-15T00:00:00+08:00'));
  });

  it('over a weekend', () => {
    const d = workOrderDeadlines(new Date('2026-11-20T16:00:00+08:00'), DEFAULT_WORK_ORDER_CLOCK, calendar);
    expect(d.firstContactDue).toEqual(new Date('2026-11-24T00:00:00+08:00'));
    expect(d.rectifyDue).toEqual(new Date('2026-11-28T00:00:00+08:00'));
  });
});

describe('the work order clock in the policy', () => {
  it('ships with the national defaults and is checked', () => {
    // The request and attachment rules of the same object are tested in requests.test.ts.
    expect(NATIONAL_DEFAULT_POLICY.workOrder).toMatchObject({ firstContactWorkingDays: 1, rectifyWorkingDays: 5, maxExtensionWorkingDays: 2, feedbackWorkingDays: 1, maxReviews: 1 });
    expect(checkPolicy(NATIONAL_DEFAULT_POLICY)).toEqual([]);
    const bad = { ...NATIONAL_DEFAULT_POLICY, workOrder: { ...DEFAULT_WORK_ORDER_CLOCK, maxReviews: 9, rectifyWorkingDays: 0 } };
    expect(checkPolicy(bad).map((p) => p.field).sort()).toEqual(['workOrder.maxReviews', 'workOrder.rectifyWorkingDays']);
  });

  it('a policy version stored before the clock existed gets the defaults', () => {
    const { workOrder: _omitted, ...old } = NATIONAL_DEFAULT_POLICY;
    expect(withPolicyDefaults(old).workOrder).toEqual(DEFAULT_WORK_ORDER_CLOCK);
  });
});
