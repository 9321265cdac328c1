import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../access/permissions.ts';
import { WorkingCalendar } from '../calendar/index.ts';
import { checkPolicy, NATIONAL_DEFAULT_POLICY, withPolicyDefaults } from '../evaluation/policy.ts';
import {
  appealDecisionDue,
  appealWindowEnd,
  checkDecision,
  checkFiling,
  DEFAULT_REQUEST_RULES,
  extendDeadlines,
  reassignTransition,
  REQUEST_DECIDE_PERMISSION,
  REQUEST_FILE_PERMISSION,
  statusAfterDecision,
  type EarlierRequest,
  type FilingInput,
} from './requests.ts';
import { isClosed, newWorkOrderStatus, WORK_ORDER_STATES, type WorkOrderState } from './work-order.ts';

const calendar = new WorkingCalendar();
const at = (s: string) => new Date(s);
const rectifyDue = at('2026-11-28T00:00:00+08:00');
const now = at('2026-11-23T10:00:00+08:00');

function filing(over: Partial<FilingInput> & Pick<FilingInput, 'kind'>): FilingInput {
  return { order: { state: 'verifying', rectifyDue }, now, maxExtensionWorkingDays: 2, earlier: [], appealWindowEnd: at('2026-11-25T00:00:00+08:00'), ...over };
}
const ext = (id: number, status: EarlierRequest['status'], days: number): EarlierRequest => ({ id, kind: 'extension', status, days });

describe('filing an extension (延期)', () => {
  it('is allowed while the rectification deadline is pending and within the limit', () => {
    for (const state of ['assigned', 'verifying', 'decided'] as const) expect(checkFiling(filing({ kind: 'extension', days: 2, order: { state, rectifyDue } }))).toBeNull();
    expect(checkFiling(filing({ kind: 'extension', days: 1, earlier: [ext(1, 'approved', 1)] }))).toBeNull();
  });

  it('is refused before assignment, after rectification and on a closed order', () => {
    for (const state of ['opened', 'rectified', 'feedback_given', 'closed_resolved', 'closed_appeal_upheld'] as const) {
      expect(checkFiling(filing({ kind: 'extension', days: 1, order: { state, rectifyDue } }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    }
  });

  it('over the limit in total: more than 2 days, or more than what is left after an approved one', () => {
    expect(checkFiling(filing({ kind: 'extension', days: 3 }))).toMatchObject({ code: 'EXTENSION_LIMIT_EXCEEDED', field: 'days' });
    expect(checkFiling(filing({ kind: 'extension', days: 2, earlier: [ext(1, 'approved', 1)] }))).toMatchObject({ code: 'EXTENSION_LIMIT_EXCEEDED' });
    // A rejected or cancelled request used none of it.
    expect(checkFiling(filing({ kind: 'extension', days: 2, earlier: [ext(1, 'rejected', 2), ext(2, 'cancelled', 2)] }))).toBeNull();
  });

  it('twice while one is pending is REQUEST_PENDING', () => {
    expect(checkFiling(filing({ kind: 'extension', days: 1, earlier: [ext(7, 'pending', 1)] }))).toMatchObject({ code: 'REQUEST_PENDING', reason: expect.stringContaining('7') });
  });

  it('after the deadline passed, or without days, is refused', () => {
    expect(checkFiling(filing({ kind: 'extension', days: 1, now: rectifyDue }))).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'days' });
    expect(checkFiling(filing({ kind: 'extension' }))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'days' });
    expect(checkFiling(filing({ kind: 'appeal', days: 1 }))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'days' });
  });

  it('property: however requests are filed and decided, approved days never exceed the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('approved', 'rejected')), { maxLength: 12 }), fc.integer({ min: 0, max: 5 }), (tries, max) => {
        const earlier: EarlierRequest[] = [];
        for (const [days, outcome] of tries) {
          if (checkFiling(filing({ kind: 'extension', days, maxExtensionWorkingDays: max, earlier })) === null) earlier.push(ext(earlier.length + 1, outcome, days));
        }
        expect(earlier.filter((r) => r.status === 'approved').reduce((s, r) => s + r.days!, 0)).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('the appeal window (复核申诉, seed 000 §5(5)): 2 working days of receiving the rating', () => {
  it('over a weekend: a rating received on Thursday can be appealed until the end of Monday', () => {
    const opened = at('2026-11-19T16:00:00+08:00'); // Thursday
    const end = appealWindowEnd(opened, DEFAULT_REQUEST_RULES, calendar);
    expect(end).toEqual(at('2026-11-24T00:00:00+08:00'));
    const appeal = (t: string) => checkFiling(filing({ kind: 'appeal', now: at(t), appealWindowEnd: end }));
    expect(appeal('2026-11-22T12:00:00+08:00')).toBeNull(); // Sunday
    expect(appeal('2026-11-23T23:59:00+08:00')).toBeNull(); // Monday evening
    expect(appeal('2026-11-24T00:00:00+08:00')).toMatchObject({ code: 'APPEAL_WINDOW_CLOSED', field: 'kind' });
  });

  it('over National Day 2026: received on 30 September, open until the end of 9 October', () => {
    expect(appealWindowEnd(at('2026-09-30T10:00:00+08:00'), DEFAULT_REQUEST_RULES, calendar)).toEqual(at('2026-10-10T00:00:00+08:00'));
  });

  it('the office decides within 5 working days of the filing', () => {
    expect(appealDecisionDue(at('2026-11-20T10:00:00+08:00'), DEFAULT_REQUEST_RULES, calendar)).toEqual(at('2026-11-28T00:00:00+08:00'));
  });

  it('may be filed in any open state, once at a time, never on a closed order', () => {
    for (const state of ['opened', 'assigned', 'verifying', 'decided', 'rectified', 'feedback_given'] as const) expect(checkFiling(filing({ kind: 'appeal', order: { state, rectifyDue } }))).toBeNull();
    expect(checkFiling(filing({ kind: 'appeal', earlier: [{ id: 3, kind: 'appeal', status: 'pending', days: null }] }))).toMatchObject({ code: 'REQUEST_PENDING' });
    expect(checkFiling(filing({ kind: 'appeal', order: { state: 'closed_unresolved', rectifyDue } }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('无法整改 (cannot be rectified)', () => {
  it('is filed by the handler between assignment and rectification', () => {
    expect(checkFiling(filing({ kind: 'unrectifiable' }))).toBeNull();
    expect(checkFiling(filing({ kind: 'unrectifiable', order: { state: 'opened', rectifyDue } }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(checkFiling(filing({ kind: 'unrectifiable', order: { state: 'rectified', rectifyDue } }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('deciding a request', () => {
  const pending = { status: 'pending' as const, orderState: 'verifying' as WorkOrderState };
  it('deciding twice is REQUEST_DECIDED', () => {
    for (const status of ['approved', 'rejected', 'cancelled'] as const) expect(checkDecision({ kind: 'extension', status, outcome: 'rejected', orderState: 'verifying' })).toMatchObject({ code: 'REQUEST_DECIDED' });
  });

  it('an upheld appeal says mistaken or malicious; nothing else does', () => {
    expect(checkDecision({ kind: 'appeal', ...pending, outcome: 'approved' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'excludedAs' });
    expect(checkDecision({ kind: 'appeal', ...pending, outcome: 'approved', excludedAs: 'malicious' })).toBeNull();
    expect(checkDecision({ kind: 'appeal', ...pending, outcome: 'rejected', excludedAs: 'mistaken' })).toMatchObject({ field: 'excludedAs' });
    expect(checkDecision({ kind: 'extension', ...pending, outcome: 'approved', excludedAs: 'mistaken' })).toMatchObject({ field: 'excludedAs' });
  });

  it('a closed order can only have its leftover requests rejected', () => {
    expect(checkDecision({ kind: 'extension', status: 'pending', orderState: 'closed_resolved', outcome: 'approved' })).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(checkDecision({ kind: 'extension', status: 'pending', orderState: 'closed_resolved', outcome: 'rejected' })).toBeNull();
  });

  it('an upheld appeal and an approved 无法整改 close the order; everything else leaves it as it is', () => {
    const o = { ...newWorkOrderStatus(), state: 'verifying' as const };
    expect(statusAfterDecision(o, 'appeal', 'approved', now)).toEqual({ ...o, state: 'closed_appeal_upheld', closedAt: now });
    expect(statusAfterDecision(o, 'unrectifiable', 'approved', now)).toEqual({ ...o, state: 'closed_unrectifiable', closedAt: now });
    expect(statusAfterDecision(o, 'extension', 'approved', now)).toBe(o);
    expect(statusAfterDecision(o, 'appeal', 'rejected', now)).toBe(o);
    expect(isClosed('closed_appeal_upheld') && isClosed('closed_unrectifiable')).toBe(true);
    expect(WORK_ORDER_STATES).toEqual(expect.arrayContaining(['closed_appeal_upheld', 'closed_unrectifiable']));
  });

  it('the unit files, the management office decides; the staff member rated may appeal', () => {
    expect(ROLE_PERMISSIONS[REQUEST_FILE_PERMISSION.appeal]).toEqual(['clerk', 'unit_admin']);
    expect(ROLE_PERMISSIONS[REQUEST_FILE_PERMISSION.extension]).toContain('unit_admin');
    for (const kind of ['extension', 'appeal', 'unrectifiable'] as const) expect(ROLE_PERMISSIONS[REQUEST_DECIDE_PERMISSION[kind]]).toEqual(['supervisor']);
  });
});

describe('an approved extension moves the deadlines by working days', () => {
  it('over a weekend: due end of Friday 27 November + 2 → end of Tuesday 1 December', () => {
    const d = extendDeadlines({ rectifyDue, feedbackDue: at('2026-12-01T00:00:00+08:00') }, 2, calendar);
    expect(d.rectifyDue).toEqual(at('2026-12-02T00:00:00+08:00'));
    expect(d.feedbackDue).toEqual(at('2026-12-03T00:00:00+08:00'));
  });

  it('over National Day 2026: due end of 30 September + 1 → end of 8 October', () => {
    const d = extendDeadlines({ rectifyDue: at('2026-10-01T00:00:00+08:00'), feedbackDue: at('2026-10-10T00:00:00+08:00') }, 1, calendar);
    expect(d.rectifyDue).toEqual(at('2026-10-09T00:00:00+08:00'));
    // Due end of 9 October + 1 working day is the make-up Saturday 10 October.
    expect(d.feedbackDue).toEqual(at('2026-10-11T00:00:00+08:00'));
  });

  it('property: the new deadline is exactly n working days after the old one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 2 }), (dayOffset, n, days) => {
        const start = new Date(Date.UTC(2025, 0, 1, 2) + dayOffset * 86_400_000);
        const due = calendar.addWorkingDays(start, n);
        const moved = extendDeadlines({ rectifyDue: due, feedbackDue: due }, days, calendar).rectifyDue;
        expect(calendar.workingDaysBetween(new Date(due.getTime() - 1), new Date(moved.getTime() - 1))).toBe(days);
        expect(moved).toEqual(calendar.addWorkingDays(start, n + days));
      }),
    );
  });
});

describe('reassignment (转办)', () => {
  it('goes back to opened for the new unit, before anything was rectified', () => {
    const decided = { ...newWorkOrderStatus(), state: 'decided' as const, decision: 'fix_now' as const };
    expect(reassignTransition(decided)).toEqual({ ok: true, order: { ...decided, state: 'opened', decision: null } });
    for (const state of ['rectified', 'feedback_given', 'closed_resolved', 'closed_unrectifiable'] as const) {
      expect(reassignTransition({ ...newWorkOrderStatus(), state })).toMatchObject({ ok: false, problem: { code: 'ILLEGAL_TRANSITION' } });
    }
  });
});

describe('the request and attachment rules in the policy', () => {
  it('ship with the national defaults and are checked', () => {
    expect(NATIONAL_DEFAULT_POLICY.workOrder).toMatchObject({ appealWindowWorkingDays: 2, appealDecisionWorkingDays: 5, attachmentMaxBytes: 10 * 1024 * 1024, attachmentKinds: ['image', 'pdf', 'office'], attachmentsPerOrder: 30 });
    const bad = { ...NATIONAL_DEFAULT_POLICY, workOrder: { ...NATIONAL_DEFAULT_POLICY.workOrder, appealWindowWorkingDays: 0, attachmentMaxBytes: 100 * 1024 * 1024, attachmentKinds: [] } };
    expect(checkPolicy(bad).map((p) => p.field).sort()).toEqual(['workOrder.appealWindowWorkingDays', 'workOrder.attachmentKinds', 'workOrder.attachmentMaxBytes']);
    const twice = { ...NATIONAL_DEFAULT_POLICY, workOrder: { ...NATIONAL_DEFAULT_POLICY.workOrder, attachmentKinds: ['pdf', 'pdf'] as ('pdf')[] } };
    expect(checkPolicy(twice).map((p) => p.field)).toEqual(['workOrder.attachmentKinds']);
  });

  it('a policy version stored before they existed gets the defaults, keeping its own clock', () => {
    const stored = { ...NATIONAL_DEFAULT_POLICY, workOrder: { firstContactWorkingDays: 2, rectifyWorkingDays: 7, maxExtensionWorkingDays: 2, feedbackWorkingDays: 1, maxReviews: 1 } };
    const p = withPolicyDefaults(stored as never);
    expect(p.workOrder).toMatchObject({ rectifyWorkingDays: 7, ...DEFAULT_REQUEST_RULES });
    expect(checkPolicy(p)).toEqual([]);
  });
});
