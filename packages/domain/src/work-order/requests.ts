import type { WorkingCalendar } from '../calendar/index.ts';
import type { Permission } from '../access/permissions.ts';
import type { TransitionResult, WorkOrderState, WorkOrderStatus } from './work-order.ts';

/**
 * Requests on a work order (工单申请) and what their decisions do, as pure data:
 * - 延期 extension: the handler asks for more working days while the rectification deadline is pending;
 *   at most `maxExtensionWorkingDays` in total (seed 001 §21); the management office approves or rejects;
 * - 复核申诉 appeal: the staff member rated or the unit disputes the bad rating in writing, with evidence,
 *   within `appealWindowWorkingDays` of receiving it; the office decides within `appealDecisionWorkingDays`
 *   (seed 000 §5(5)); upheld → the rating is 误评 (mistaken) or 恶意差评 (malicious): still stored, never
 *   counted, and the order closes as closed_appeal_upheld (seed 003 §17);
 * - 无法整改 cannot be rectified: the handler explains why; approved → the order closes as
 *   closed_unrectifiable with the explanation.
 * And reassignment (转办) of an order to another unit, with a reason.
 *
 * This file imports only types from work-order.ts, which takes its rule defaults from here.
 */

/** What an attachment (附件) may be: images, PDF, Office documents. Read from the bytes, never the name. */
export const ATTACHMENT_KINDS = ['image', 'pdf', 'office'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The largest upload the server accepts at all; a policy may only set a smaller limit. */
export const ATTACHMENT_MAX_BYTES_CEILING = 20 * 1024 * 1024;

/** The policy numbers of requests and attachments (part of EvaluationPolicy.workOrder). */
export interface WorkOrderRequestRules {
  /** Working days after the order opens (the rating is received) within which an appeal may be filed. */
  appealWindowWorkingDays: number;
  /** Working days the management office has to decide an appeal (its clock warns like the others). */
  appealDecisionWorkingDays: number;
  /** The largest attachment, in bytes. */
  attachmentMaxBytes: number;
  /** The kinds of file an attachment may be. */
  attachmentKinds: AttachmentKind[];
  /** How many attachments one order may hold. */
  attachmentsPerOrder: number;
}

export const DEFAULT_REQUEST_RULES: WorkOrderRequestRules = {
  appealWindowWorkingDays: 2,
  appealDecisionWorkingDays: 5,
  attachmentMaxBytes: 10 * 1024 * 1024,
  attachmentKinds: ['image', 'pdf', 'office'],
  attachmentsPerOrder: 30,
};

/** The consistency rules of the request numbers, for checkPolicy (through checkWorkOrderClock). */
export function checkRequestRules(c: Partial<WorkOrderRequestRules>): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  const ranges: [keyof WorkOrderRequestRules, number, number, string][] = [
    ['appealWindowWorkingDays', 1, 30, '1 to 30 working days'],
    ['appealDecisionWorkingDays', 1, 60, '1 to 60 working days'],
    ['attachmentMaxBytes', 1024, ATTACHMENT_MAX_BYTES_CEILING, `1 KB to ${ATTACHMENT_MAX_BYTES_CEILING / 1024 / 1024} MB`],
    ['attachmentsPerOrder', 1, 200, '1 to 200 attachments'],
  ];
  for (const [f, min, max, reason] of ranges) {
    const v = c[f];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push({ field: `workOrder.${f}`, reason });
  }
  const kinds = c.attachmentKinds;
  if (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => !ATTACHMENT_KINDS.includes(k)) || new Set(kinds).size !== kinds.length) {
    problems.push({ field: 'workOrder.attachmentKinds', reason: `one or more of ${ATTACHMENT_KINDS.join(', ')}, each once` });
  }
  return problems;
}

export const REQUEST_KINDS = ['extension', 'appeal', 'unrectifiable'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** approved: for an appeal, upheld (复核成立). cancelled: the order closed another way first. */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestOutcome = 'approved' | 'rejected';

/** How an upheld appeal marks the rating: 误评 or 恶意差评. */
export const EXCLUSION_KINDS = ['mistaken', 'malicious'] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

/** The states an order closes in through a request (added to WORK_ORDER_STATES). */
export const REQUEST_CLOSED_STATES = ['closed_appeal_upheld', 'closed_unrectifiable'] as const;

/** Who files each kind, and who decides it. */
export const REQUEST_FILE_PERMISSION: Record<RequestKind, Permission> = {
  extension: 'workorder.handle',
  appeal: 'workorder.appeal',
  unrectifiable: 'workorder.handle',
};
export const REQUEST_DECIDE_PERMISSION: Record<RequestKind, Permission> = {
  extension: 'workorder.approve',
  appeal: 'appeal.decide',
  unrectifiable: 'workorder.approve',
};

const OPEN_STATES_BEFORE_RECTIFICATION: readonly WorkOrderState[] = ['assigned', 'verifying', 'decided'];
const closed = (s: WorkOrderState) => s.startsWith('closed_');

/** The states from which each kind may be filed. */
export const REQUEST_FROM: Record<RequestKind, readonly WorkOrderState[]> = {
  // While the rectification deadline is the one pending (see pendingDeadline in work-order.ts).
  extension: OPEN_STATES_BEFORE_RECTIFICATION,
  // Any open state: a rating may be disputed whatever the unit has done about it so far.
  appeal: ['opened', 'assigned', 'verifying', 'decided', 'rectified', 'feedback_given'],
  // Once assigned and before anything was rectified.
  unrectifiable: OPEN_STATES_BEFORE_RECTIFICATION,
};

export type RequestProblemCode = 'ILLEGAL_TRANSITION' | 'REQUEST_PENDING' | 'EXTENSION_LIMIT_EXCEEDED' | 'APPEAL_WINDOW_CLOSED' | 'REQUEST_DECIDED' | 'VALIDATION_FAILED';
export interface RequestProblem {
  code: RequestProblemCode;
  field: string;
  reason: string;
}

/** An earlier request of the same order, as far as the rules need it. */
export interface EarlierRequest {
  id: number;
  kind: RequestKind;
  status: RequestStatus;
  days: number | null;
}

export interface FilingInput {
  kind: RequestKind;
  order: { state: WorkOrderState; rectifyDue: Date };
  /** Working days asked for (extension only). */
  days?: number | null;
  now: Date;
  maxExtensionWorkingDays: number;
  /** The end of the appeal window (appealWindowEnd), needed for appeals. */
  appealWindowEnd?: Date;
  earlier: readonly EarlierRequest[];
}

/** Whether a request may be filed now; null when it may. Nothing here reads a clock or a database. */
export function checkFiling(f: FilingInput): RequestProblem | null {
  const { kind, order } = f;
  if (closed(order.state)) return { code: 'ILLEGAL_TRANSITION', field: 'kind', reason: `the work order is closed (${order.state})` };
  if (!REQUEST_FROM[kind].includes(order.state)) return { code: 'ILLEGAL_TRANSITION', field: 'kind', reason: `a ${kind} request is not allowed in state ${order.state}` };
  const pending = f.earlier.find((r) => r.kind === kind && r.status === 'pending');
  if (pending) return { code: 'REQUEST_PENDING', field: 'kind', reason: `${kind} request ${pending.id} is still pending: wait for its decision` };
  if (kind === 'extension') {
    const days = f.days;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) return { code: 'VALIDATION_FAILED', field: 'days', reason: 'an extension asks for at least 1 working day' };
    if (f.now.getTime() >= order.rectifyDue.getTime()) return { code: 'ILLEGAL_TRANSITION', field: 'days', reason: 'the rectification deadline has passed: an extension is asked for before it' };
    const granted = extensionDaysGranted(f.earlier);
    if (granted + days > f.maxExtensionWorkingDays) {
      return { code: 'EXTENSION_LIMIT_EXCEEDED', field: 'days', reason: `at most ${f.maxExtensionWorkingDays} working days of extension in total; ${granted} already granted` };
    }
  } else if (f.days !== undefined && f.days !== null) {
    return { code: 'VALIDATION_FAILED', field: 'days', reason: 'only an extension asks for days' };
  }
  if (kind === 'appeal') {
    if (!f.appealWindowEnd) throw new Error('appealWindowEnd is needed to check an appeal');
    if (f.now.getTime() >= f.appealWindowEnd.getTime()) {
      return { code: 'APPEAL_WINDOW_CLOSED', field: 'kind', reason: `the appeal window closed at ${f.appealWindowEnd.toISOString()}: an appeal is filed within the policy's working days of receiving the rating` };
    }
  }
  return null;
}

/** Working days of extension approved so far. */
export const extensionDaysGranted = (earlier: readonly EarlierRequest[]) =>
  earlier.filter((r) => r.kind === 'extension' && r.status === 'approved').reduce((s, r) => s + (r.days ?? 0), 0);

export interface DecisionInput {
  kind: RequestKind;
  status: RequestStatus;
  outcome: RequestOutcome;
  excludedAs?: ExclusionKind | null;
  orderState: WorkOrderState;
}

/**
 * Whether a pending request may be decided this way. Deciding twice is refused; an approval needs an
 * open order (a rejection may still clear a request left pending when the order closed another way);
 * an upheld appeal says whether the rating was mistaken or malicious, and only an appeal does.
 */
export function checkDecision(d: DecisionInput): RequestProblem | null {
  if (d.status !== 'pending') return { code: 'REQUEST_DECIDED', field: 'outcome', reason: `the request was already decided (${d.status})` };
  if (d.outcome === 'approved' && closed(d.orderState)) return { code: 'ILLEGAL_TRANSITION', field: 'outcome', reason: `the work order is closed (${d.orderState}): only a rejection is possible` };
  const upheldAppeal = d.kind === 'appeal' && d.outcome === 'approved';
  if (upheldAppeal && !d.excludedAs) return { code: 'VALIDATION_FAILED', field: 'excludedAs', reason: 'an upheld appeal says whether the rating was mistaken (误评) or malicious (恶意差评)' };
  if (!upheldAppeal && d.excludedAs) return { code: 'VALIDATION_FAILED', field: 'excludedAs', reason: 'only an upheld appeal marks the rating' };
  return null;
}

/** The order's next status after a decision; unchanged unless an approved appeal or 无法整改 closes it. */
export function statusAfterDecision(order: WorkOrderStatus, kind: RequestKind, outcome: RequestOutcome, now: Date): WorkOrderStatus {
  if (outcome !== 'approved') return order;
  if (kind === 'appeal') return { ...order, state: 'closed_appeal_upheld', closedAt: now };
  if (kind === 'unrectifiable') return { ...order, state: 'closed_unrectifiable', closedAt: now };
  return order;
}

/** The states from which an order may be reassigned (转办): before anything was rectified. */
export const REASSIGN_FROM: readonly WorkOrderState[] = ['opened', 'assigned', 'verifying', 'decided'];

/** Reassignment sends the order back to opened (待分派) for the new unit to assign its own handler. */
export function reassignTransition(order: WorkOrderStatus): TransitionResult {
  if (!REASSIGN_FROM.includes(order.state)) return { ok: false, problem: { code: 'ILLEGAL_TRANSITION', reason: `reassign is not allowed in state ${order.state}` } };
  return { ok: true, order: { ...order, state: 'opened', decision: null } };
}

/** The end of the appeal window: `appealWindowWorkingDays` working days after the order opened. */
export const appealWindowEnd = (openedAt: Date, rules: Pick<WorkOrderRequestRules, 'appealWindowWorkingDays'>, calendar: WorkingCalendar) =>
  calendar.addWorkingDays(openedAt, rules.appealWindowWorkingDays);

/** When the management office must have decided an appeal filed at `filedAt`. */
export const appealDecisionDue = (filedAt: Date, rules: Pick<WorkOrderRequestRules, 'appealDecisionWorkingDays'>, calendar: WorkingCalendar) =>
  calendar.addWorkingDays(filedAt, rules.appealDecisionWorkingDays);

/**
 * Deadlines moved by an approved extension: each is an exclusive end of day, so counting on from its
 * last working day adds exactly `days` working days (a weekend or holiday in between does not count).
 */
export function extendDeadlines(d: { rectifyDue: Date; feedbackDue: Date }, days: number, calendar: WorkingCalendar): { rectifyDue: Date; feedbackDue: Date } {
  const later = (due: Date) => calendar.addWorkingDays(new Date(due.getTime() - 1), days);
  return { rectifyDue: later(d.rectifyDue), feedbackDue: later(d.feedbackDue) };
}
