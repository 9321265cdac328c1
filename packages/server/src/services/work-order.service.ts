import {
  appealWindowEnd,
  checkPublicReply,
  checkStepInput,
  newWorkOrderStatus,
  PUBLIC_REPLY_STATES,
  pendingDeadline,
  transition,
  WORK_ORDER_ACTION_PERMISSION,
  withPolicyDefaults,
  workOrderDeadlines,
  type AlertFlag,
  type EvaluationPolicy,
  type StepInput,
  type WorkOrderAction,
  type WorkingCalendar,
} from '@hcp/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB, WorkOrder } from '../db/schema.ts';
import { AppError, conflict, forbidden, notFound } from '../errors.ts';
import type { AuditEntry, AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { WorkOrderListFilter, WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import { checkAttachmentIds } from './work-order-request.service.ts';
import { ownOrdersOf, readableOrder } from './work-order-access.ts';
import type { EvaluationService } from './evaluation.service.ts';
import type { WorkOrderFeedbackService } from './work-order-feedback.service.ts';

/** What the evaluation service hands over when a bad rating is stored. */
export interface BadRating {
  evaluationId: number;
  caseId: number;
  unitId: number;
  staffId: number | null;
  regionCode: string;
  orgPath: string;
  submittedAt: Date;
  policyId: number;
  policy: EvaluationPolicy;
  /** The region's calendar, read before the transaction began (PGlite has one connection). */
  calendar: WorkingCalendar;
}

/**
 * What the feedback and revisit steps need beyond the order: the feedback SMS, and the one way a
 * rating is stored (EvaluationService.record, reached late: the evaluation service needs this service).
 */
export interface WorkOrderLoopDeps {
  feedback: Pick<WorkOrderFeedbackService, 'notify'>;
  record: EvaluationService['record'];
}

/** A step's input: its text, and for a satisfied revisit the new rating; a key makes a retried step answer the first time. */
export interface ActInput extends StepInput {
  idempotencyKey?: string | undefined;
  /** Attachments of the same order the step refers to (evidence); checked, else 422. */
  attachmentIds?: number[] | undefined;
}

/** The deadline that is due now and whether it has passed, for lists and the order's page. */
export function deadlineStatus(o: WorkOrder, now: Date) {
  const pending = pendingDeadline(o.state, { firstContactDue: o.first_contact_due, rectifyDue: o.rectify_due, feedbackDue: o.feedback_due });
  return { pending: pending?.kind ?? null, overdue: !!pending && now.getTime() >= pending.due.getTime() };
}

/**
 * Work orders (整改工单): opened in the transaction of every bad rating (谁办理、谁负责: routed to the
 * unit and staff member of the case), then moved through the domain's state machine step by step.
 */
export class WorkOrderService {
  constructor(
    private readonly db: Database,
    private readonly orders: WorkOrderRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditRepository,
    private readonly loop: WorkOrderLoopDeps,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Opens the order of a bad rating inside the rating's transaction; throwing undoes the rating too. */
  async openForBadRating(trx: Transaction<DB>, ctx: Ctx, r: BadRating): Promise<WorkOrder> {
    return (await this.openForBadRatings(trx, [{ ctx, rating: r }]))[0]!;
  }

  /**
   * openForBadRating() for the bad ratings of one group commit (evaluation-writer.ts), in their
   * transaction: one insert of the orders, one of their opening events, one audit append — or, with
   * `auditInto`, the audit entries handed back for the caller's own append in the same transaction.
   */
  async openForBadRatings(trx: Transaction<DB>, items: { ctx: Ctx; rating: BadRating }[], auditInto?: AuditEntry[]): Promise<WorkOrder[]> {
    if (items.length === 0) return [];
    const orders = await this.orders.insertMany(trx, items.map(({ rating: r }) => {
      const d = workOrderDeadlines(r.submittedAt, r.policy.workOrder, r.calendar);
      const status = newWorkOrderStatus();
      return {
        evaluation_id: r.evaluationId,
        case_id: r.caseId,
        unit_id: r.unitId,
        staff_id: r.staffId,
        region_code: r.regionCode,
        org_path: r.orgPath,
        state: status.state,
        decision: null,
        review_round: status.reviewRound,
        opened_at: r.submittedAt,
        first_contact_due: d.firstContactDue,
        rectify_due: d.rectifyDue,
        feedback_due: d.feedbackDue,
        policy_id: r.policyId,
      };
    }));
    await this.orders.insertEvents(trx, orders.map((order, i) => ({ work_order_id: order.id, action: 'open', actor_user_id: null, at: items[i]!.rating.submittedAt, text: null, from_state: null, to_state: 'opened' })));
    const entries: AuditEntry[] = orders.map((order, i) => ({
      ...auditActor(items[i]!.ctx), action: 'workorder.open', targetType: 'work_order', targetId: order.id, detail: { evaluationId: items[i]!.rating.evaluationId, caseId: items[i]!.rating.caseId },
    }));
    if (auditInto) auditInto.push(...entries);
    else await this.audit.appendMany(trx, entries);
    return orders;
  }

  /** The orders in the caller's data scope; a window clerk's: only those about themselves (work-order-access.ts). */
  async list(ctx: Ctx, f: { state?: WorkOrder['state']; overdue?: boolean; flag?: AlertFlag; limit: number; offset: number }) {
    const now = this.now();
    const own = ownOrdersOf(ctx, now);
    if (!own) requirePermission(ctx, 'workorder.read');
    const filter: WorkOrderListFilter = { limit: f.limit, offset: f.offset, ...(f.state ? { state: f.state } : {}), ...(f.overdue ? { overdueAt: now } : {}), ...(f.flag ? { flag: f.flag } : {}), ...(own ? { own } : {}) };
    const rows = await this.orders.list(listScope(ctx), filter);
    const shown = await this.shown(rows, now);
    return rows.map((o) => ({ order: o, ...deadlineStatus(o, now), ...shown(o) }));
  }

  /**
   * What the console shows beside each order (its case, item, unit and rating, never who rated) and
   * the working days left to its pending deadline on its region's calendar (negative: overdue by).
   */
  private async shown(orders: readonly WorkOrder[], now: Date) {
    const summaries = await this.orders.summaries(orders.map((o) => o.id));
    const calendars = new Map<string, WorkingCalendar>();
    for (const code of new Set(orders.map((o) => o.region_code))) calendars.set(code, await this.calendar.forRegion(code));
    return (o: WorkOrder) => {
      const pending = pendingDeadline(o.state, { firstContactDue: o.first_contact_due, rectifyDue: o.rectify_due, feedbackDue: o.feedback_due });
      return { summary: summaries.get(o.id) ?? null, workingDaysLeft: pending ? calendars.get(o.region_code)!.remainingWorkingDays(pending.due, now) : null };
    };
  }

  async get(ctx: Ctx, id: number) {
    const now = this.now();
    const order = await readableOrder(this.orders, ctx, id, now);
    const shown = (await this.shown([order], now))(order);
    // The end of the window to appeal the rating (复核申诉), under the order's policy version.
    const appealUntil = appealWindowEnd(order.opened_at, (await this.policyOf(order)).workOrder, await this.calendar.forRegion(order.region_code));
    return { order, events: await this.orders.eventsWithActors(id), ...deadlineStatus(order, now), ...shown, appealWindowEnd: appealUntil };
  }

  /** Takes one step of the closed loop; an illegal or repeated step changes nothing and is a 409. */
  async act(ctx: Ctx, id: number, action: WorkOrderAction, input: ActInput) {
    requirePermission(ctx, WORK_ORDER_ACTION_PERMISSION[action]);
    const order = await this.orders.find(id);
    if (!order) throw notFound('work order');
    requireInScope(ctx, { regionCode: order.region_code, orgPath: order.org_path }, 'work order');
    await this.step(ctx, order, action, input);
    return this.get(ctx, id);
  }

  /**
   * The evaluator's own revisit (回访) from their feedback page; the caller has checked the link,
   * which is the only key. Satisfied records their new rating as a 12345 operator's would.
   */
  async revisitByEvaluator(ctx: Ctx, id: number, answer: ActInput & { satisfied: boolean }) {
    if (ctx.actor.kind !== 'evaluator') throw forbidden('the online revisit is the evaluator’s own');
    const order = await this.orders.find(id);
    if (!order) throw notFound('work order');
    const { satisfied, ...input } = answer;
    await this.step(ctx, order, satisfied ? 'revisit_satisfied' : 'revisit_unsatisfied', input);
    return (await this.orders.find(id))!;
  }

  /**
   * One step, in one transaction with its event and audit record: feedback queues the evaluator's SMS
   * in it; a satisfied revisit stores the new rating through EvaluationService.record in it, which then
   * supersedes the order's rating (the original stays in history) and opens no new order.
   */
  private async step(ctx: Ctx, order: WorkOrder, action: WorkOrderAction, input: ActInput): Promise<void> {
    if (input.idempotencyKey) {
      const earlier = await this.orders.eventByKey(order.id, input.idempotencyKey);
      if (earlier) {
        if (earlier.action !== action) throw conflict('this idempotency key was used for another step', 'idempotencyKey');
        return;
      }
    }
    // The order keeps the policy version it was opened under, as the rating does.
    const policy = await this.policyOf(order);
    const clockRules = policy.workOrder;
    const now = this.now();
    const next = transition({ state: order.state, decision: order.decision, reviewRound: order.review_round, closedAt: order.closed_at }, action, now, clockRules.maxReviews);
    if (!next.ok) throw new AppError('ILLEGAL_TRANSITION', next.problem.reason, 'action');
    const problems = checkStepInput(policy, action, input);
    if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems[0]!.field}: ${problems[0]!.reason}`, problems[0]!.field, problems);
    const attachmentIds = await checkAttachmentIds(this.orders, order.id, input.attachmentIds);
    const n = next.order;
    // A new review round (复核) gets its own clock, counted from the unsatisfied revisit.
    const reopened = n.reviewRound !== order.review_round;
    const clock = reopened ? workOrderDeadlines(now, clockRules, await this.calendar.forRegion(order.region_code)) : undefined;
    const actorUserId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const text = input.text?.trim() || null;
    const apply = async (trx: Transaction<DB>, evaluationId: number | null) => {
      const row = await this.orders.update(trx, order.id, order.version, {
        state: n.state,
        decision: n.decision,
        review_round: n.reviewRound,
        closed_at: n.closedAt,
        ...(clock ? { first_contact_due: clock.firstContactDue, rectify_due: clock.rectifyDue, feedback_due: clock.feedbackDue } : {}),
        ...(evaluationId ? { revisit_evaluation_id: evaluationId, revisit_mistaken: !!input.mistaken } : {}),
      });
      // Throwing undoes the transaction, and with it a revisit rating stored in it.
      if (!row) throw conflict('the work order was changed by someone else a moment ago; reload it', 'action');
      if (evaluationId && !(await this.evaluations.markSuperseded(trx, order.evaluation_id, evaluationId))) {
        throw conflict('the rating of this work order was superseded a moment ago', 'action');
      }
      await this.orders.insertEvent(trx, {
        work_order_id: order.id, action, actor_user_id: actorUserId, at: now, text, from_state: order.state, to_state: n.state,
        actor_kind: ctx.actor.kind === 'evaluator' ? 'evaluator' : null, evaluation_id: evaluationId, idempotency_key: input.idempotencyKey ?? null,
        attachment_ids: JSON.stringify(attachmentIds),
      });
      const sms = action === 'feedback' ? await this.loop.feedback.notify(trx, row, policy, now) : null;
      await this.audit.append(trx, {
        ...auditActor(ctx), action: `workorder.${action}`, targetType: 'work_order', targetId: order.id,
        detail: {
          from: order.state, to: n.state, reviewRound: n.reviewRound,
          ...(evaluationId ? { evaluationId, mistaken: !!input.mistaken } : {}),
          ...(sms ? { smsMessageId: sms.messageId, smsSuppressed: sms.suppressed } : {}),
        },
      });
    };
    if (action !== 'revisit_satisfied') {
      await this.db.transaction().execute((trx) => apply(trx, null));
      return;
    }
    const original = await this.evaluations.find(order.evaluation_id);
    if (!original) throw new Error(`rating ${order.evaluation_id} of work order ${order.id} is missing`);
    await this.loop.record(
      ctx,
      {
        caseId: order.case_id,
        visitNo: original.visit_no,
        revisitOf: original.id,
        // The evaluator online came through the SMS link; an operator records a 12345 phone answer.
        channel: ctx.actor.kind === 'evaluator' ? 'sms' : 'phone',
        level: input.level!,
        tags: input.tags ?? [],
        text,
        realName: original.real_name,
        enteredBy: actorUserId,
        sourceRef: `work_order:${order.id}`,
        idempotencyKey: input.idempotencyKey ? `revisit:${order.id}:${input.idempotencyKey}` : null,
      },
      (trx, evaluationId) => apply(trx, evaluationId),
    );
  }

  /**
   * Publishes (or replaces) the public reply (公开答复) of a closed order, or withdraws it with null;
   * the public list shows it with the masked rating. The unit and the supervisor may set it.
   */
  async setPublicReply(ctx: Ctx, id: number, text: string | null) {
    requirePermission(ctx, 'workorder.handle');
    const order = await this.orders.find(id);
    if (!order) throw notFound('work order');
    requireInScope(ctx, { regionCode: order.region_code, orgPath: order.org_path }, 'work order');
    if (!PUBLIC_REPLY_STATES.includes(order.state)) throw new AppError('ILLEGAL_TRANSITION', `a public reply is given once the order is closed (resolved, unresolved or not rectifiable), not in state ${order.state}`, 'state');
    const reply = text === null ? null : text.trim();
    if (reply !== null) {
      const problems = checkPublicReply(reply);
      if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems[0]!.field}: ${problems[0]!.reason}`, problems[0]!.field, problems);
    }
    if (reply === order.public_reply) return this.get(ctx, id);
    const now = this.now();
    const actorUserId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const action = reply === null ? 'public_reply_withdrawn' : 'public_reply';
    await this.db.transaction().execute(async (trx) => {
      const row = await this.orders.update(trx, id, order.version, { public_reply: reply, public_reply_at: reply === null ? null : now, public_reply_by: reply === null ? null : actorUserId });
      if (!row) throw conflict('the work order was changed by someone else a moment ago; reload it', 'text');
      await this.orders.insertEvent(trx, { work_order_id: id, action, actor_user_id: actorUserId, at: now, text: reply, from_state: order.state, to_state: order.state });
      await this.audit.append(trx, { ...auditActor(ctx), action: `workorder.${action}`, targetType: 'work_order', targetId: id, detail: { state: order.state } });
    });
    return this.get(ctx, id);
  }

  /** The policy version the order was opened under, with the fields added since. */
  async policyOf(order: Pick<WorkOrder, 'id' | 'policy_id'>): Promise<EvaluationPolicy> {
    const row = await this.evaluations.policyById(order.policy_id);
    if (!row) throw new Error(`policy ${order.policy_id} of work order ${order.id} is missing`);
    return withPolicyDefaults(row.policy);
  }
}
