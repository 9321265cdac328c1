import type { StaffRole } from '../access/permissions.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { addDays, shanghaiDateOf, startOfShanghaiDay } from '../calendar/local-date.ts';
import { isInRegion, regionLevelOf } from '../region/region-code.ts';

/**
 * Warnings (预警), red cards (红牌) and escalation (督办升级) of work-order deadlines, seed 004 §(七)3:
 * "各部门要对电子监察系统发出的预警、红牌及时认真整改，未整改到位的……通报批评或追责".
 *
 * For one deadline (an exclusive instant from WorkingCalendar.addWorkingDays, the 00:00 after its
 * last working day):
 * - the warning falls due at 00:00 of the `warnBeforeWorkingDays`-th working day counted back from the
 *   deadline's last day, that day included: with 1 the warning comes on the last day ("due today");
 * - the red card falls due at the deadline itself;
 * - escalation falls due when the red card has stood `escalateAfterWorkingDays` whole working days,
 *   i.e. at the end of the n-th working day after the deadline's last day.
 * Each is raised once per deadline (and review round); a deadline that moves (an extension, a new
 * review round) is a new deadline with alerts of its own.
 */
export interface WorkOrderAlertRules {
  /** Working days before a deadline from which it is flagged with a warning; 0 = no warning. */
  warnBeforeWorkingDays: number;
  /** Whole working days a red card may stand before the level above is told; 0 = never escalate. */
  escalateAfterWorkingDays: number;
}

export const DEFAULT_WORK_ORDER_ALERTS: WorkOrderAlertRules = { warnBeforeWorkingDays: 1, escalateAfterWorkingDays: 2 };

export const ALERT_LEVELS = ['warning', 'red_card', 'escalation'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
/** The levels an order shows as its flag; escalation is shown beside a red card. */
export type AlertFlag = Exclude<AlertLevel, 'escalation'>;

/** The deadlines that raise alerts: the order's three clocks and the decision of an appeal (申诉复核). */
export const ALERT_DEADLINES = ['firstContactDue', 'rectifyDue', 'feedbackDue', 'appealDecisionDue'] as const;
export type AlertDeadline = (typeof ALERT_DEADLINES)[number];

export const ALERT_DEADLINE_NAMES: Record<AlertDeadline, { zh: string; en: string }> = {
  firstContactDue: { zh: '首次联系', en: 'first contact' },
  rectifyDue: { zh: '整改', en: 'rectification' },
  feedbackDue: { zh: '反馈', en: 'feedback' },
  appealDecisionDue: { zh: '申诉复核决定', en: 'appeal decision' },
};

export const ALERT_LEVEL_NAMES: Record<AlertLevel, { zh: string; en: string }> = {
  warning: { zh: '预警', en: 'warning' },
  red_card: { zh: '红牌', en: 'red card' },
  escalation: { zh: '红牌升级督办', en: 'escalation' },
};

export interface AlertSchedule {
  /** null when the rules ask for no warning. */
  warnAt: Date | null;
  redCardAt: Date;
  /** null when the rules never escalate. */
  escalateAt: Date | null;
}

// As WorkingCalendar's own guard: no real calendar has a longer run of days off.
const MAX_DAYS_BACK = 366;

/** The last day (YYYY-MM-DD, Shanghai) of an exclusive deadline instant. */
export const lastDayOf = (due: Date): string => shanghaiDateOf(new Date(due.getTime() - 1));

/** When the warning, the red card and the escalation of a deadline fall due, on the region's calendar. */
export function alertSchedule(due: Date, rules: WorkOrderAlertRules, calendar: WorkingCalendar): AlertSchedule {
  if (!(due instanceof Date) || Number.isNaN(due.getTime())) throw new RangeError('Invalid deadline: expected a valid Date');
  return {
    warnAt: rules.warnBeforeWorkingDays > 0 ? warningStart(due, rules.warnBeforeWorkingDays, calendar) : null,
    redCardAt: due,
    escalateAt: rules.escalateAfterWorkingDays > 0 ? calendar.addWorkingDays(new Date(due.getTime() - 1), rules.escalateAfterWorkingDays) : null,
  };
}

function warningStart(due: Date, n: number, calendar: WorkingCalendar): Date {
  let day = lastDayOf(due);
  let counted = 0;
  for (let back = 0; back < n + MAX_DAYS_BACK; back++) {
    if (calendar.isWorkingDay(day) && ++counted === n) return startOfShanghaiDay(day);
    day = addDays(day, -1);
  }
  throw new RangeError(`No ${n} working days within ${MAX_DAYS_BACK} days before ${lastDayOf(due)}; check the calendar`);
}

/**
 * The alerts to raise at `now`, given those already raised for this deadline. A deadline found
 * already passed raises its red card without a warning (a warning of what is over warns nobody);
 * found past its escalation, it raises the red card and the escalation together.
 */
export function alertsDue(now: Date, s: AlertSchedule, raised: ReadonlySet<AlertLevel>): AlertLevel[] {
  const t = now.getTime();
  const out: AlertLevel[] = [];
  if (t >= s.redCardAt.getTime()) {
    if (!raised.has('red_card')) out.push('red_card');
    if (s.escalateAt && t >= s.escalateAt.getTime() && !raised.has('escalation')) out.push('escalation');
  } else if (s.warnAt && t >= s.warnAt.getTime() && !raised.has('warning') && !raised.has('red_card')) {
    out.push('warning');
  }
  return out;
}

/** What an order has recorded of the alerts of one deadline (the latest deadline alerted). */
export interface RecordedAlert {
  deadline: string | null;
  due: Date | null;
  level: AlertFlag | null;
  warningAt: Date | null;
  redCardAt: Date | null;
  escalatedAt: Date | null;
}

export interface AlertState {
  flag: AlertFlag | null;
  warningAt: Date | null;
  redCardAt: Date | null;
  escalatedAt: Date | null;
}

/**
 * The flag an order shows now: the alerts recorded for the deadline it is still working towards.
 * Alerts of a deadline it has moved past (a step taken, an extension granted, a new review round)
 * are history on its timeline, not its flag.
 */
export function currentAlert(pending: { kind: string; due: Date } | null, r: RecordedAlert): AlertState {
  const none: AlertState = { flag: null, warningAt: null, redCardAt: null, escalatedAt: null };
  if (!pending || !r.level || r.deadline !== pending.kind || r.due?.getTime() !== pending.due.getTime()) return none;
  return { flag: r.level, warningAt: r.warningAt, redCardAt: r.redCardAt, escalatedAt: r.escalatedAt };
}

/** The consistency rules of the warning and escalation settings, for checkPolicy. */
export function checkWorkOrderAlerts(r: WorkOrderAlertRules | undefined): { field: string; reason: string }[] {
  if (!r || typeof r !== 'object') return [{ field: 'workOrderAlerts', reason: 'the warning and escalation rules are required' }];
  const problems: { field: string; reason: string }[] = [];
  if (!Number.isInteger(r.warnBeforeWorkingDays) || r.warnBeforeWorkingDays < 0 || r.warnBeforeWorkingDays > 10) {
    problems.push({ field: 'workOrderAlerts.warnBeforeWorkingDays', reason: '0 (no warning) to 10 working days' });
  }
  if (!Number.isInteger(r.escalateAfterWorkingDays) || r.escalateAfterWorkingDays < 0 || r.escalateAfterWorkingDays > 30) {
    problems.push({ field: 'workOrderAlerts.escalateAfterWorkingDays', reason: '0 (never) to 30 working days' });
  }
  return problems;
}

/** A staff account as far as choosing who is told: its role and data scope (12-digit region, org path). */
export interface AlertRecipient {
  userId: number;
  role: StaffRole;
  regionCode: string | null;
  orgPath: string | null;
}

/**
 * Who is told of an alert on a record of `target`'s region and organisation:
 * - `unit`: the unit administrators whose scope covers it (the unit that handles the order);
 * - `supervisor`: the management office nearest to it — the supervisors covering it whose scope is
 *   the most specific (a county's office before the city's);
 * - `escalation`: the level above that — the covering supervisors of the next wider scope (the parent
 *   region's office); where there is none, the nearest office again, so an escalation is never silent.
 * Accounts without any scope (system administrators) are never chosen.
 */
export function alertRecipients(users: readonly AlertRecipient[], target: { regionCode: string; orgPath: string | null }, audience: 'unit' | 'supervisor' | 'escalation'): number[] {
  const covers = (u: AlertRecipient) =>
    (u.regionCode !== null || u.orgPath !== null) &&
    (u.regionCode === null || isInRegion(target.regionCode, u.regionCode)) &&
    (u.orgPath === null || (target.orgPath !== null && target.orgPath.startsWith(u.orgPath)));
  if (audience === 'unit') return users.filter((u) => u.role === 'unit_admin' && covers(u)).map((u) => u.userId);
  // An organisation scope is narrower than any region.
  const rank = (u: AlertRecipient) => (u.orgPath !== null ? 6 : regionLevelOf(u.regionCode!));
  const supervisors = users.filter((u) => u.role === 'supervisor' && covers(u));
  const ranks = [...new Set(supervisors.map(rank))].sort((a, b) => b - a);
  const pick = audience === 'supervisor' ? ranks[0] : (ranks[1] ?? ranks[0]);
  return pick === undefined ? [] : supervisors.filter((u) => rank(u) === pick).map((u) => u.userId);
}
