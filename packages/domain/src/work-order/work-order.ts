import { ROLE_PERMISSIONS, type Permission, type StaffRole } from '../access/permissions.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { checkRequestRules, DEFAULT_REQUEST_RULES, type WorkOrderRequestRules } from './requests.ts';

/**
 * The work order (整改工单) that every bad rating opens: the closed loop of DOMAIN.md §4 as pure data.
 * opened 待分派 → assigned 已分派 → verifying 核实中 → decided 已研判 (立行立改 | 限期整改 | 解释说明)
 * → rectified 已整改 → feedback_given 已反馈 → revisit 回访: satisfied → closed_resolved 已办结;
 * not satisfied → back to assigned for a review round (复核) as often as the policy allows (default once),
 * after that closed_unresolved 未解决. Requests (requests.ts) may close it as closed_appeal_upheld
 * 申诉成立 or closed_unrectifiable 无法整改, and reassignment (转办) sends it back to opened.
 */
export const WORK_ORDER_STATES = ['opened', 'assigned', 'verifying', 'decided', 'rectified', 'feedback_given', 'closed_resolved', 'closed_unresolved', 'closed_appeal_upheld', 'closed_unrectifiable'] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** 立行立改 fix now, 限期整改 fix by a deadline, 解释说明 explain (the demand has no legal basis). */
export const WORK_ORDER_DECISIONS = ['fix_now', 'fix_by_deadline', 'explain'] as const;
export type WorkOrderDecision = (typeof WORK_ORDER_DECISIONS)[number];

export const WORK_ORDER_ACTIONS = [
  'assign',
  'verify',
  'decide_fix_now',
  'decide_fix_by_deadline',
  'decide_explain',
  'rectify',
  'feedback',
  'revisit_satisfied',
  'revisit_unsatisfied',
] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

export const CLOSED_STATES: readonly WorkOrderState[] = ['closed_resolved', 'closed_unresolved', 'closed_appeal_upheld', 'closed_unrectifiable'];
export const isClosed = (s: WorkOrderState) => CLOSED_STATES.includes(s);

/** The clock rules of a region's policy (EvaluationPolicy.workOrder), in working days; with the request and attachment rules. */
export interface WorkOrderClock extends WorkOrderRequestRules {
  /** Until the unit has contacted the evaluator (首次联系). */
  firstContactWorkingDays: number;
  /** Until rectification (限期整改), 5 by seed 001 §21. */
  rectifyWorkingDays: number;
  /** The longest extension a supervisor may grant (at most 2 working days). */
  maxExtensionWorkingDays: number;
  /** From the rectification deadline until feedback to the evaluator. */
  feedbackWorkingDays: number;
  /** Review rounds (复核) after an unsatisfied revisit; seed 003 §15: at most 1. */
  maxReviews: number;
}

export const DEFAULT_WORK_ORDER_CLOCK: WorkOrderClock = { firstContactWorkingDays: 1, rectifyWorkingDays: 5, maxExtensionWorkingDays: 2, feedbackWorkingDays: 1, maxReviews: 1, ...DEFAULT_REQUEST_RULES };

/** The part of an order the state machine reads and writes. `reviewRound` is 1 for the first pass. */
export interface WorkOrderStatus {
  state: WorkOrderState;
  decision: WorkOrderDecision | null;
  reviewRound: number;
  closedAt: Date | null;
}

export interface TransitionProblem {
  code: 'ILLEGAL_TRANSITION';
  reason: string;
}

export type TransitionResult = { ok: true; order: WorkOrderStatus } | { ok: false; problem: TransitionProblem };

/** Which permission each action needs: the unit handles, the 12345 platform revisits. */
export const WORK_ORDER_ACTION_PERMISSION: Record<WorkOrderAction, Permission> = {
  assign: 'workorder.handle',
  verify: 'workorder.handle',
  decide_fix_now: 'workorder.handle',
  decide_fix_by_deadline: 'workorder.handle',
  decide_explain: 'workorder.handle',
  rectify: 'workorder.handle',
  feedback: 'workorder.handle',
  revisit_satisfied: 'workorder.revisit',
  revisit_unsatisfied: 'workorder.revisit',
};

/** The roles that may take an action (from the role × permission table, one source of truth). */
export const rolesForAction = (action: WorkOrderAction): readonly StaffRole[] => ROLE_PERMISSIONS[WORK_ORDER_ACTION_PERMISSION[action]];

const DECISION_OF: Partial<Record<WorkOrderAction, WorkOrderDecision>> = {
  decide_fix_now: 'fix_now',
  decide_fix_by_deadline: 'fix_by_deadline',
  decide_explain: 'explain',
};

/** The states from which an action is allowed (further conditions in transition()). */
const FROM: Record<WorkOrderAction, readonly WorkOrderState[]> = {
  assign: ['opened'],
  verify: ['assigned'],
  decide_fix_now: ['verifying'],
  decide_fix_by_deadline: ['verifying'],
  decide_explain: ['verifying'],
  rectify: ['decided'],
  // An explanation (解释说明) has nothing to rectify: feedback follows the decision directly.
  feedback: ['rectified', 'decided'],
  revisit_satisfied: ['feedback_given'],
  revisit_unsatisfied: ['feedback_given'],
};

const illegal = (reason: string): TransitionResult => ({ ok: false, problem: { code: 'ILLEGAL_TRANSITION', reason } });

/** The next status of an order after `action` at `now`, or why the action is not allowed now. */
export function transition(order: WorkOrderStatus, action: WorkOrderAction, now: Date, maxReviews = DEFAULT_WORK_ORDER_CLOCK.maxReviews): TransitionResult {
  if (!FROM[action]) return illegal(`unknown action ${String(action)}`);
  if (!FROM[action].includes(order.state)) return illegal(`${action} is not allowed in state ${order.state}`);
  const decision = DECISION_OF[action];
  if (decision) return { ok: true, order: { ...order, state: 'decided', decision } };
  switch (action) {
    case 'assign':
      return { ok: true, order: { ...order, state: 'assigned' } };
    case 'verify':
      return { ok: true, order: { ...order, state: 'verifying' } };
    case 'rectify':
      if (order.decision === 'explain') return illegal('an explanation (解释说明) has nothing to rectify: give feedback');
      return { ok: true, order: { ...order, state: 'rectified' } };
    case 'feedback':
      if (order.state === 'decided' && order.decision !== 'explain') return illegal('rectify before giving feedback');
      return { ok: true, order: { ...order, state: 'feedback_given' } };
    case 'revisit_satisfied':
      return { ok: true, order: { ...order, state: 'closed_resolved', closedAt: now } };
    case 'revisit_unsatisfied':
      // A review round (复核) sends the order back to the unit; when they are used up it closes unresolved.
      if (order.reviewRound - 1 < maxReviews) return { ok: true, order: { ...order, state: 'assigned', decision: null, reviewRound: order.reviewRound + 1 } };
      return { ok: true, order: { ...order, state: 'closed_unresolved', closedAt: now } };
    default:
      return illegal(`unknown action ${String(action)}`);
  }
}

export const newWorkOrderStatus = (): WorkOrderStatus => ({ state: 'opened', decision: null, reviewRound: 1, closedAt: null });

export interface WorkOrderDeadlines {
  firstContactDue: Date;
  rectifyDue: Date;
  feedbackDue: Date;
}

/**
 * The deadlines of an order (or of a review round) that starts at `start`, in the region's working
 * days; each is the exclusive end of its last working day (see WorkingCalendar.addWorkingDays).
 */
export function workOrderDeadlines(start: Date, clock: WorkOrderClock, calendar: WorkingCalendar): WorkOrderDeadlines {
  return {
    firstContactDue: calendar.addWorkingDays(start, clock.firstContactWorkingDays),
    rectifyDue: calendar.addWorkingDays(start, clock.rectifyWorkingDays),
    feedbackDue: calendar.addWorkingDays(start, clock.rectifyWorkingDays + clock.feedbackWorkingDays),
  };
}

/** The deadline an order in `state` is working towards; null when nothing is due from the unit. */
export function pendingDeadline(state: WorkOrderState, d: WorkOrderDeadlines): { kind: keyof WorkOrderDeadlines; due: Date } | null {
  if (state === 'opened') return { kind: 'firstContactDue', due: d.firstContactDue };
  if (state === 'assigned' || state === 'verifying' || state === 'decided') return { kind: 'rectifyDue', due: d.rectifyDue };
  if (state === 'rectified') return { kind: 'feedbackDue', due: d.feedbackDue };
  return null;
}

/** The consistency rules of the clock, for checkPolicy. */
export function checkWorkOrderClock(c: WorkOrderClock | undefined): { field: string; reason: string }[] {
  if (!c || typeof c !== 'object') return [{ field: 'workOrder', reason: 'the work order clock is required' }];
  const ranges: [Exclude<keyof WorkOrderClock, keyof WorkOrderRequestRules>, number, number, string][] = [
    ['firstContactWorkingDays', 1, 30, '1 to 30 working days'],
    ['rectifyWorkingDays', 1, 60, '1 to 60 working days'],
    ['maxExtensionWorkingDays', 0, 30, '0 to 30 working days'],
    ['feedbackWorkingDays', 0, 30, '0 to 30 working days'],
    ['maxReviews', 0, 3, '0 to 3 review rounds'],
  ];
  const problems: { field: string; reason: string }[] = [];
  for (const [f, min, max, reason] of ranges) {
    const v = c[f];
    if (!Number.isInteger(v) || v < min || v > max) problems.push({ field: `workOrder.${f}`, reason });
  }
  problems.push(...checkRequestRules(c));
  if (problems.length === 0 && c.firstContactWorkingDays > c.rectifyWorkingDays) problems.push({ field: 'workOrder.firstContactWorkingDays', reason: 'first contact comes before the rectification deadline' });
  return problems;
}
