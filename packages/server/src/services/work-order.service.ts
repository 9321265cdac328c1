import {
  newWorkOrderStatus,
  pendingDeadline,
  transition,
  WORK_ORDER_ACTION_PERMISSION,
  withPolicyDefaults,
  workOrderDeadlines,
  type EvaluationPolicy,
  type WorkOrderAction,
  type WorkingCalendar,
} from '@hcp/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB, WorkOrder } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { WorkOrderListFilter, WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';

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
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Opens the order of a bad rating inside the rating's transaction; throwing undoes the rating too. */
  async openForBadRating(trx: Transaction<DB>, ctx: Ctx, r: BadRating): Promise<WorkOrder> {
    const d = workOrderDeadlines(r.submittedAt, r.policy.workOrder, r.calendar);
    const status = newWorkOrderStatus();
    const order = await this.orders.insert(trx, {
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
    });
    await this.orders.insertEvent(trx, { work_order_id: order.id, action: 'open', actor_user_id: null, at: r.submittedAt, text: null, from_state: null, to_state: 'opened' });
    await this.audit.append(trx, { ...auditActor(ctx), action: 'workorder.open', targetType: 'work_order', targetId: order.id, detail: { evaluationId: r.evaluationId, caseId: r.caseId } });
    return order;
  }

  async list(ctx: Ctx, f: { state?: WorkOrder['state']; overdue?: boolean; limit: number; offset: number }) {
    requirePermission(ctx, 'workorder.read');
    const now = this.now();
    const filter: WorkOrderListFilter = { limit: f.limit, offset: f.offset, ...(f.state ? { state: f.state } : {}), ...(f.overdue ? { overdueAt: now } : {}) };
    const rows = await this.orders.list(listScope(ctx), filter);
    return rows.map((o) => ({ order: o, ...deadlineStatus(o, now) }));
  }

  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'workorder.read');
    const order = await this.orders.find(id);
    if (!order) throw notFound('work order');
    requireInScope(ctx, { regionCode: order.region_code, orgPath: order.org_path }, 'work order');
    return { order, events: await this.orders.events(id), ...deadlineStatus(order, this.now()) };
  }

  /** Takes one step of the closed loop; an illegal or repeated step changes nothing and is a 409. */
  async act(ctx: Ctx, id: number, action: WorkOrderAction, input: { text?: string | undefined }) {
    requirePermission(ctx, WORK_ORDER_ACTION_PERMISSION[action]);
    const order = await this.orders.find(id);
    if (!order) throw notFound('work order');
    requireInScope(ctx, { regionCode: order.region_code, orgPath: order.org_path }, 'work order');
    // The order keeps the policy version it was opened under, as the rating does.
    const clockRules = await this.clockOf(order);
    const now = this.now();
    const next = transition({ state: order.state, decision: order.decision, reviewRound: order.review_round, closedAt: order.closed_at }, action, now, clockRules.maxReviews);
    if (!next.ok) throw new AppError('ILLEGAL_TRANSITION', next.problem.reason, 'action');
    const n = next.order;
    // A new review round (复核) gets its own clock, counted from the unsatisfied revisit.
    const reopened = n.reviewRound !== order.review_round;
    const clock = reopened ? workOrderDeadlines(now, clockRules, await this.calendar.forRegion(order.region_code)) : undefined;
    const actorUserId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const text = input.text?.trim() || null;
    const updated = await this.db.transaction().execute(async (trx) => {
      const row = await this.orders.update(trx, id, order.version, {
        state: n.state,
        decision: n.decision,
        review_round: n.reviewRound,
        closed_at: n.closedAt,
        ...(clock ? { first_contact_due: clock.firstContactDue, rectify_due: clock.rectifyDue, feedback_due: clock.feedbackDue } : {}),
      });
      if (!row) return undefined;
      await this.orders.insertEvent(trx, { work_order_id: id, action, actor_user_id: actorUserId, at: now, text, from_state: order.state, to_state: n.state });
      await this.audit.append(trx, { ...auditActor(ctx), action: `workorder.${action}`, targetType: 'work_order', targetId: id, detail: { from: order.state, to: n.state, reviewRound: n.reviewRound } });
      return row;
    });
    if (!updated) throw conflict('the work order was changed by someone else a moment ago; reload it', 'action');
    return this.get(ctx, id);
  }

  private async clockOf(order: WorkOrder) {
    const row = await this.evaluations.policyById(order.policy_id);
    if (!row) throw new Error(`policy ${order.policy_id} of work order ${order.id} is missing`);
    return withPolicyDefaults(row.policy).workOrder;
  }
}
