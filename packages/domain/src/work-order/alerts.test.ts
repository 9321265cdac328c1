import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { shanghaiDateOf } from '../calendar/local-date.ts';
import { checkPolicy, NATIONAL_DEFAULT_POLICY, withPolicyDefaults } from '../evaluation/policy.ts';
import {
  ALERT_LEVELS,
  alertRecipients,
  alertSchedule,
  alertsDue,
  currentAlert,
  DEFAULT_WORK_ORDER_ALERTS,
  lastDayOf,
  type AlertLevel,
  type AlertRecipient,
  type AlertSchedule,
} from './alerts.ts';
import { DEFAULT_WORK_ORDER_CLOCK, pendingDeadline, workOrderDeadlines } from './work-order.ts';

const calendar = new WorkingCalendar();
/** Shanghai wall-clock time. */
const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
/** 00:00 Shanghai of a date. */
const midnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
/** The exclusive deadline instant that closes `date`. */
const endOf = (date: string) => new Date(midnight(date).getTime() + 86_400_000);
const rules = (warnBeforeWorkingDays: number, escalateAfterWorkingDays: number) => ({ warnBeforeWorkingDays, escalateAfterWorkingDays });

/** Runs the alerts of one schedule at the given instants, feeding back what was raised, as a re-running job does. */
function runAt(s: AlertSchedule, instants: Date[]): [string, AlertLevel[]][] {
  const raised = new Set<AlertLevel>();
  return instants.map((now) => {
    const due = alertsDue(now, s, raised);
    due.forEach((l) => raised.add(l));
    return [now.toISOString(), due];
  });
}

describe('warning, red card and escalation times on the working calendar', () => {
  it('crosses National Day 2026 (off 10-01..07, make-up Sat 10-10): an order opened Wed 09-30 is due for rectification at the end of Tue 10-13', () => {
    // The 2026 arrangement as the calendar data holds it (chinese-days, the State Council notice):
    // National Day and 中秋 off 10-01..07, make-up working days Sun 09-20 and Sat 10-10.
    const d = workOrderDeadlines(at('2026-09-30 15:00'), DEFAULT_WORK_ORDER_CLOCK, calendar);
    expect(d.firstContactDue).toEqual(endOf('2026-10-08'));
    expect(d.rectifyDue).toEqual(endOf('2026-10-13'));
    expect(d.feedbackDue).toEqual(endOf('2026-10-14'));
    const s = alertSchedule(d.rectifyDue, DEFAULT_WORK_ORDER_ALERTS, calendar);
    expect(s).toEqual({ warnAt: midnight('2026-10-13'), redCardAt: endOf('2026-10-13'), escalateAt: endOf('2026-10-15') });
  });

  it('counts warning days back over the make-up Saturday 10-10 and over the whole holiday', () => {
    const due = endOf('2026-10-13');
    const warnAt = (n: number) => alertSchedule(due, rules(n, 0), calendar).warnAt;
    expect(warnAt(2)).toEqual(midnight('2026-10-12'));
    expect(warnAt(3)).toEqual(midnight('2026-10-10'));
    expect(warnAt(4)).toEqual(midnight('2026-10-09'));
    expect(warnAt(5)).toEqual(midnight('2026-10-08'));
    // The sixth working day back is the last one before the holiday.
    expect(warnAt(6)).toEqual(midnight('2026-09-30'));
  });

  it('a first contact due over the holiday warns on Thu 10-08, red-cards at its end, escalates after 10-09 and the make-up Sat 10-10', () => {
    const s = alertSchedule(endOf('2026-10-08'), DEFAULT_WORK_ORDER_ALERTS, calendar);
    expect(s).toEqual({ warnAt: midnight('2026-10-08'), redCardAt: endOf('2026-10-08'), escalateAt: endOf('2026-10-10') });
  });

  it('uses the make-up Sunday 09-20: opened Fri 09-18, first contact is due at the end of that Sunday and warned from its start', () => {
    const d = workOrderDeadlines(at('2026-09-18 10:00'), DEFAULT_WORK_ORDER_CLOCK, calendar);
    expect(d.firstContactDue).toEqual(endOf('2026-09-20'));
    const s = alertSchedule(d.firstContactDue, DEFAULT_WORK_ORDER_ALERTS, calendar);
    expect(s.warnAt).toEqual(midnight('2026-09-20'));
    // Mon 09-21, Tue 09-22 are the two working days the red card stands.
    expect(s.escalateAt).toEqual(endOf('2026-09-22'));
  });

  it('crosses an ordinary weekend: due at the end of Mon 11-16, warned on that Monday (not the Saturday), escalated after Wed 11-18', () => {
    const d = workOrderDeadlines(at('2026-11-13 16:00'), DEFAULT_WORK_ORDER_CLOCK, calendar);
    expect(d.firstContactDue).toEqual(endOf('2026-11-16'));
    expect(alertSchedule(d.firstContactDue, DEFAULT_WORK_ORDER_ALERTS, calendar)).toEqual({ warnAt: midnight('2026-11-16'), redCardAt: endOf('2026-11-16'), escalateAt: endOf('2026-11-18') });
    // Two working days of warning reach back over the weekend to Friday.
    expect(alertSchedule(d.firstContactDue, rules(2, 2), calendar).warnAt).toEqual(midnight('2026-11-13'));
    // Due at the end of a Friday: the red card stands Mon and Tue before it escalates.
    expect(alertSchedule(endOf('2026-11-20'), rules(1, 2), calendar).escalateAt).toEqual(endOf('2026-11-24'));
  });

  it('follows a region’s own holiday (an override layer)', () => {
    const local = new WorkingCalendar({ overrides: [[{ date: '2026-11-23', kind: 'holiday' }]] });
    expect(alertSchedule(endOf('2026-11-20'), rules(1, 2), local).escalateAt).toEqual(endOf('2026-11-25'));
    expect(alertSchedule(endOf('2026-11-24'), rules(2, 1), local).warnAt).toEqual(midnight('2026-11-20'));
  });

  it('0 days means no warning, or no escalation', () => {
    expect(alertSchedule(endOf('2026-11-20'), rules(0, 0), calendar)).toEqual({ warnAt: null, redCardAt: endOf('2026-11-20'), escalateAt: null });
  });
});

describe('which alerts a run raises', () => {
  const s = alertSchedule(endOf('2026-10-13'), DEFAULT_WORK_ORDER_ALERTS, calendar);

  it('warning, then red card, then escalation, each once however often the job runs', () => {
    const runs = runAt(s, [at('2026-10-12 23:50'), at('2026-10-13 00:05'), at('2026-10-13 12:00'), at('2026-10-14 00:00'), at('2026-10-14 00:10'), at('2026-10-15 23:59'), at('2026-10-16 00:00'), at('2026-10-20 09:00')]);
    expect(runs.map(([, l]) => l)).toEqual([[], ['warning'], [], ['red_card'], [], [], ['escalation'], []]);
  });

  it('a job that was down raises the red card without a warning, or red card and escalation together', () => {
    expect(alertsDue(at('2026-10-14 08:00'), s, new Set())).toEqual(['red_card']);
    expect(alertsDue(at('2026-10-19 08:00'), s, new Set())).toEqual(['red_card', 'escalation']);
    expect(alertsDue(at('2026-10-19 08:00'), s, new Set(['warning']))).toEqual(['red_card', 'escalation']);
  });

  it('property: over any increasing run times, each level is raised at most once, in order, and never before it is due', () => {
    const start = at('2024-01-01 00:00').getTime();
    const end = at('2027-12-31 00:00').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: end }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { maxLength: 30 }),
        (openedMs, n, warn, escalate, offsets) => {
          const due = calendar.addWorkingDays(new Date(openedMs), n);
          const sched = alertSchedule(due, rules(warn, escalate), calendar);
          const times = [...offsets].sort((a, b) => a - b).map((o) => new Date(openedMs + o));
          const raised = runAt(sched, times).flatMap(([t, ls]) => ls.map((l) => ({ t: Date.parse(t), l })));
          const levels = raised.map((r) => r.l);
          expect(new Set(levels).size).toBe(levels.length);
          expect([...levels].sort((a, b) => ALERT_LEVELS.indexOf(a) - ALERT_LEVELS.indexOf(b))).toEqual(levels);
          for (const r of raised) {
            const dueAt = r.l === 'warning' ? sched.warnAt! : r.l === 'red_card' ? sched.redCardAt : sched.escalateAt!;
            expect(r.t).toBeGreaterThanOrEqual(dueAt.getTime());
          }
          // A warning is never raised once the deadline has passed.
          for (const r of raised) if (r.l === 'warning') expect(r.t).toBeLessThan(due.getTime());
        },
      ),
    );
  });
});

describe('properties of the schedule over random deadlines in 2024–2027', () => {
  const opened = fc.date({ min: at('2024-01-01 00:00'), max: at('2027-12-01 00:00'), noInvalidDate: true });
  const SHANGHAI_MIDNIGHT = (d: Date) => (d.getTime() + 8 * 3_600_000) % 86_400_000 === 0;

  it('the warning starts at a Shanghai midnight of a working day, with n−1 working days left then and n just before', () => {
    fc.assert(
      fc.property(opened, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 }), (start, days, n) => {
        const due = calendar.addWorkingDays(start, days);
        const warnAt = alertSchedule(due, rules(n, 1), calendar).warnAt!;
        expect(SHANGHAI_MIDNIGHT(warnAt)).toBe(true);
        expect(calendar.isWorkingDay(shanghaiDateOf(warnAt))).toBe(true);
        expect(warnAt.getTime()).toBeLessThan(due.getTime());
        expect(calendar.remainingWorkingDays(due, warnAt)).toBe(n - 1);
        expect(calendar.remainingWorkingDays(due, new Date(warnAt.getTime() - 1))).toBe(n);
      }),
    );
  });

  it('escalation comes when the red card has stood n whole working days: overdue by n just before, by n+1 from then', () => {
    fc.assert(
      fc.property(opened, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (start, days, n) => {
        const due = calendar.addWorkingDays(start, days);
        const escalateAt = alertSchedule(due, rules(1, n), calendar).escalateAt!;
        expect(SHANGHAI_MIDNIGHT(escalateAt)).toBe(true);
        expect(escalateAt.getTime()).toBeGreaterThan(due.getTime());
        expect(calendar.remainingWorkingDays(due, new Date(escalateAt.getTime() - 1))).toBe(-n);
        expect(calendar.remainingWorkingDays(due, escalateAt)).toBe(-(n + 1));
        expect(calendar.isWorkingDay(lastDayOf(escalateAt))).toBe(true);
      }),
    );
  });

  it('warning < red card < escalation, and more warning days warn no later', () => {
    fc.assert(
      fc.property(opened, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 29 }), (start, days, w, e) => {
        const due = calendar.addWorkingDays(start, days);
        const s = alertSchedule(due, rules(w, e), calendar);
        expect(s.warnAt!.getTime()).toBeLessThan(s.redCardAt.getTime());
        expect(s.redCardAt.getTime()).toBeLessThan(s.escalateAt!.getTime());
        expect(alertSchedule(due, rules(w + 1, e), calendar).warnAt!.getTime()).toBeLessThan(s.warnAt!.getTime());
        expect(alertSchedule(due, rules(w, e + 1), calendar).escalateAt!.getTime()).toBeGreaterThan(s.escalateAt!.getTime());
      }),
    );
  });
});

describe('the flag an order shows', () => {
  const d = { firstContactDue: endOf('2026-11-16'), rectifyDue: endOf('2026-11-20'), feedbackDue: endOf('2026-11-23') };
  const recorded = { deadline: 'firstContactDue', due: endOf('2026-11-16'), level: 'red_card' as const, warningAt: at('2026-11-16 00:05'), redCardAt: at('2026-11-17 00:05'), escalatedAt: null };

  it('is the alert of the deadline still pending', () => {
    expect(currentAlert(pendingDeadline('opened', d), recorded)).toEqual({ flag: 'red_card', warningAt: recorded.warningAt, redCardAt: recorded.redCardAt, escalatedAt: null });
  });

  it('goes once the order moved on to the next deadline, or the deadline moved (an extension, a review round)', () => {
    expect(currentAlert(pendingDeadline('assigned', d), recorded).flag).toBeNull();
    expect(currentAlert({ kind: 'firstContactDue', due: endOf('2026-11-17') }, recorded).flag).toBeNull();
    expect(currentAlert(pendingDeadline('closed_resolved', d), recorded).flag).toBeNull();
    expect(currentAlert(pendingDeadline('opened', d), { ...recorded, level: null, deadline: null, due: null }).flag).toBeNull();
  });
});

describe('who is told', () => {
  const LINGWU = '640181000000';
  const users: AlertRecipient[] = [
    { userId: 1, role: 'unit_admin', regionCode: null, orgPath: '/3/' },
    { userId: 2, role: 'unit_admin', regionCode: null, orgPath: '/4/' },
    { userId: 3, role: 'supervisor', regionCode: LINGWU, orgPath: null },
    { userId: 4, role: 'supervisor', regionCode: '640100000000', orgPath: null },
    { userId: 5, role: 'supervisor', regionCode: '640000000000', orgPath: null },
    { userId: 6, role: 'supervisor', regionCode: '640104000000', orgPath: null },
    { userId: 7, role: 'sysadmin', regionCode: null, orgPath: null },
    { userId: 8, role: 'operator', regionCode: LINGWU, orgPath: null },
    { userId: 9, role: 'supervisor', regionCode: LINGWU, orgPath: null },
  ];
  const order = { regionCode: LINGWU, orgPath: '/3/17/' };

  it('the unit: the administrators of the order’s unit', () => {
    expect(alertRecipients(users, order, 'unit')).toEqual([1]);
  });

  it('the supervisor: the nearest office covering the order; escalation: the office of the region above', () => {
    expect(alertRecipients(users, order, 'supervisor')).toEqual([3, 9]);
    expect(alertRecipients(users, order, 'escalation')).toEqual([4]);
    // Without a county office the city is the nearest and the province the level above.
    const noCounty = users.filter((u) => u.userId !== 3 && u.userId !== 9);
    expect(alertRecipients(noCounty, order, 'supervisor')).toEqual([4]);
    expect(alertRecipients(noCounty, order, 'escalation')).toEqual([5]);
    // At the top, escalation tells the nearest office again rather than nobody.
    expect(alertRecipients([users[4]!], order, 'escalation')).toEqual([5]);
    expect(alertRecipients([users[0]!, users[6]!], order, 'supervisor')).toEqual([]);
  });
});

describe('the policy carries the alert rules', () => {
  it('national default 1 working day of warning, escalation after 2; older versions get them', () => {
    expect(NATIONAL_DEFAULT_POLICY.workOrderAlerts).toEqual({ warnBeforeWorkingDays: 1, escalateAfterWorkingDays: 2 });
    const { workOrderAlerts: _dropped, ...old } = NATIONAL_DEFAULT_POLICY;
    expect(withPolicyDefaults(old).workOrderAlerts).toEqual(DEFAULT_WORK_ORDER_ALERTS);
    expect(withPolicyDefaults({ ...old, workOrderAlerts: { warnBeforeWorkingDays: 3 } as never }).workOrderAlerts).toEqual({ warnBeforeWorkingDays: 3, escalateAfterWorkingDays: 2 });
  });

  it('checkPolicy refuses numbers out of range, naming the field', () => {
    expect(checkPolicy(NATIONAL_DEFAULT_POLICY)).toEqual([]);
    const bad = { ...NATIONAL_DEFAULT_POLICY, workOrderAlerts: { warnBeforeWorkingDays: 11, escalateAfterWorkingDays: -1 } };
    expect(checkPolicy(bad).map((p) => p.field)).toEqual(['workOrderAlerts.warnBeforeWorkingDays', 'workOrderAlerts.escalateAfterWorkingDays']);
  });
});
