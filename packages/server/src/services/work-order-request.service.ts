import {
  appealDecisionDue,
  appealWindowEnd,
  checkDecision,
  checkFiling,
  extendDeadlines,
  reassignTransition,
  REQUEST_DECIDE_PERMISSION,
  REQUEST_FILE_PERMISSION,
  statusAfterDecision,
  withPolicyDefaults,
  type ExclusionKind,
  type RequestKind,
  type RequestOutcome,
  type RequestStatus,
  type WorkOrderClock,
  type WorkOrderStatus,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { WorkOrder, WorkOrderRequest } from '../db/schema.ts';
import { AppError, conflict, forbidden, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { WorkOrderAttachmentRepository } from '../repositories/work-order-attachment.repository.ts';
import type { WorkOrderRequestRepository } from '../repositories/work-order-request.repository.ts';
import type { WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import { readableOrder } from './work-order-access.ts';

const UNIQUE_VIOLATION = '23505';

/** The order's rules: those of the policy version it was opened under, as the rating keeps its own. */
export async function orderRules(evaluations: EvaluationRepository, order: WorkOrder): Promise<WorkOrderClock> {
  const row = await evaluations.policyById(order.policy_id);
  if (!row) throw new Error(`policy ${order.policy_id} of work order ${order.id} is missing`);
  return withPolicyDefaults(row.policy).workOrder;
}

/**
 * The attachment ids a step, request or decision refers to: each must be an attachment of the same
 * order, else 422 UNKNOWN_REFERENCE on `field`. Returns them without repeats, in the given order.
 */
export async function checkAttachmentIds(orders: WorkOrderRepository, workOrderId: number, ids: readonly number[] | undefined, field = 'attachmentIds'): Promise<number[]> {
  const wanted = [...new Set(ids ?? [])];
  if (wanted.length === 0) return [];
  const found = new Set(await orders.existingAttachmentIds(workOrderId, wanted));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) throw unknownReference(field, `not attachments of work order ${workOrderId}: ${missing.join(', ')}`);
  return wanted;
}

const sameKind = (r: WorkOrderRequest, kind: RequestKind) => {
  if (r.kind !== kind) throw conflict('this idempotency key was used for another request', 'idempotencyKey');
  return r;
};
const statusOf = (o: WorkOrder): WorkOrderStatus => ({ state: o.state, decision: o.decision, reviewRound: o.review_round, closedAt: o.closed_at });
const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
const required = (field: string, text: string | undefined) => {
  const t = text?.trim();
  if (!t) throw invalid(field, 'is required: give the reasons in writing');
  return t;
};

/** The timeline event each filing and decision leaves on its order. */
const FILED_ACTION: Record<RequestKind, string> = { extension: 'extension_requested', appeal: 'appeal_filed', unrectifiable: 'unrectifiable_requested' };
const DECIDED_ACTION: Record<RequestKind, Record<RequestOutcome, string>> = {
  extension: { approved: 'extension_approved', rejected: 'extension_rejected' },
  appeal: { approved: 'appeal_upheld', rejected: 'appeal_rejected' },
  unrectifiable: { approved: 'unrectifiable_approved', rejected: 'unrectifiable_rejected' },
};

export interface FileInput {
  reason: string;
  days?: number;
  attachmentIds?: number[];
  /** A retried filing with the same key answers the request it stored. */
  idempotencyKey?: string;
}

export interface DecideInput {
  outcome: RequestOutcome;
  reason: string;
  excludedAs?: ExclusionKind;
  attachmentIds?: number[];
  /** A retried decision with the same key answers the decision it recorded. */
  idempotencyKey?: string;
}

export interface WorkOrderRequestDeps {
  db: Database;
  orders: WorkOrderRepository;
  requests: WorkOrderRequestRepository;
  attachments: WorkOrderAttachmentRepository;
  evaluations: EvaluationRepository;
  orgs: OrganisationRepository;
  calendar: CalendarService;
  audit: AuditRepository;
  now?: () => Date;
}

/**
 * Requests on a work order — 延期 extension, 复核申诉 appeal, 无法整改 cannot be rectified — filed by the
 * unit or the staff member rated and decided by the management office, and reassignment (转办). Rules in
 * @hcp/domain work-order/requests.ts; every filing and decision is a step on the order's timeline and an
 * audit record, in one transaction. Reasons are written by staff and may name people: they are stored
 * with the request, never copied into the audit detail.
 */
export class WorkOrderRequestService {
  private readonly now: () => Date;
  constructor(private readonly d: WorkOrderRequestDeps) {
    this.now = d.now ?? (() => new Date());
  }

  private async scopedOrder(ctx: Ctx, id: number): Promise<WorkOrder> {
    const order = await this.d.orders.find(id);
    if (!order) throw notFound('work order');
    requireInScope(ctx, { regionCode: order.region_code, orgPath: order.org_path }, 'work order');
    return order;
  }

  /** Files a request; refused (4xx, nothing stored) in the wrong state, while one of its kind is pending, over the limit or out of time. */
  async file(ctx: Ctx, workOrderId: number, kind: RequestKind, input: FileInput) {
    requirePermission(ctx, REQUEST_FILE_PERMISSION[kind]);
    const order = await this.scopedOrder(ctx, workOrderId);
    const a = ctx.actor;
    // The staff member rated appeals their own rating; the unit (unit_admin) any of its orders.
    if (kind === 'appeal' && a.kind === 'user' && a.role === 'clerk' && (a.staffId === null || a.staffId !== order.staff_id)) {
      throw forbidden('a clerk may appeal only a rating of themselves');
    }
    const reason = required('reason', input.reason);
    const replay = input.idempotencyKey ? await this.d.requests.findByKey(order.id, input.idempotencyKey) : undefined;
    if (replay) return { request: sameKind(replay, kind), order };
    const rules = await orderRules(this.d.evaluations, order);
    // Read before the transaction: PGlite has one connection.
    const calendar = await this.d.calendar.forRegion(order.region_code);
    const earlier = await this.d.requests.ofOrder(order.id);
    const now = this.now();
    const problem = checkFiling({
      kind,
      order: { state: order.state, rectifyDue: order.rectify_due },
      days: input.days ?? null,
      now,
      maxExtensionWorkingDays: rules.maxExtensionWorkingDays,
      ...(kind === 'appeal' ? { appealWindowEnd: appealWindowEnd(order.opened_at, rules, calendar) } : {}),
      earlier,
    });
    if (problem) throw new AppError(problem.code, problem.reason, problem.field);
    const attachmentIds = await checkAttachmentIds(this.d.orders, order.id, input.attachmentIds);
    const decisionDue = kind === 'appeal' ? appealDecisionDue(now, rules, calendar) : null;
    try {
      return await this.d.db.transaction().execute(async (trx) => {
        const request = await this.d.requests.insert(trx, {
          work_order_id: order.id,
          kind,
          reason,
          days: kind === 'extension' ? input.days! : null,
          attachment_ids: JSON.stringify(attachmentIds),
          requested_by: userIdOf(ctx),
          requested_at: now,
          decision_due: decisionDue,
          idempotency_key: input.idempotencyKey ?? null,
        });
        await this.d.orders.insertEvent(trx, {
          work_order_id: order.id,
          action: FILED_ACTION[kind],
          actor_user_id: userIdOf(ctx),
          at: now,
          text: reason,
          from_state: order.state,
          to_state: order.state,
          attachment_ids: JSON.stringify(attachmentIds),
          detail: JSON.stringify({ requestId: request.id, kind, ...(request.days ? { days: request.days } : {}) }),
        });
        await this.d.audit.append(trx, {
          ...auditActor(ctx),
          action: 'workorder.request.file',
          targetType: 'work_order',
          targetId: order.id,
          detail: { requestId: request.id, kind, days: request.days, attachments: attachmentIds.length, decisionDue: decisionDue?.toISOString() ?? null },
        });
        return { request, order };
      });
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      // The same retry twice at once: the first one stored is the answer.
      const first = input.idempotencyKey ? await this.d.requests.findByKey(order.id, input.idempotencyKey) : undefined;
      if (first) return { request: sameKind(first, kind), order };
      // Two filings at the same instant: the partial unique index kept one.
      throw new AppError('REQUEST_PENDING', `a ${kind} request on this work order is already pending`, 'kind');
    }
  }

  /**
   * Decides a pending request. Deciding twice, or a second decider at the same moment, is 409
   * REQUEST_DECIDED; an order changed meanwhile is 409 CONFLICT; nothing is changed either way.
   * An approved extension moves rectify_due and feedback_due by its working days; an upheld appeal
   * marks the rating 误评/恶意差评 and closes the order; an approved 无法整改 closes it.
   */
  async decide(ctx: Ctx, requestId: number, input: DecideInput) {
    const request = await this.d.requests.find(requestId);
    if (!request) throw notFound('request');
    requirePermission(ctx, REQUEST_DECIDE_PERMISSION[request.kind]);
    const order = await this.scopedOrder(ctx, request.work_order_id);
    if (ctx.actor.kind === 'user' && request.requested_by === ctx.actor.userId) throw forbidden('nobody decides their own request');
    const reason = required('reason', input.reason);
    if (input.idempotencyKey && request.decision_idempotency_key === input.idempotencyKey) {
      if (request.status !== input.outcome || request.decided_by !== userIdOf(ctx)) throw conflict('this idempotency key was used for another decision', 'idempotencyKey');
      return { request, order };
    }
    const problem = checkDecision({ kind: request.kind, status: request.status, outcome: input.outcome, excludedAs: input.excludedAs ?? null, orderState: order.state });
    if (problem) throw new AppError(problem.code, problem.reason, problem.field);
    const attachmentIds = await checkAttachmentIds(this.d.orders, order.id, input.attachmentIds);
    const now = this.now();
    const next = statusAfterDecision(statusOf(order), request.kind, input.outcome, now);
    const closes = next.state !== order.state;
    const extended = input.outcome === 'approved' && request.kind === 'extension'
      ? extendDeadlines({ rectifyDue: order.rectify_due, feedbackDue: order.feedback_due }, request.days!, await this.d.calendar.forRegion(order.region_code))
      : null;
    const excludedAs = request.kind === 'appeal' && input.outcome === 'approved' ? input.excludedAs! : null;
    const result = await this.d.db.transaction().execute(async (trx) => {
      const decided = await this.d.requests.decide(trx, request.id, {
        status: input.outcome,
        decided_by: userIdOf(ctx),
        decided_at: now,
        decision_reason: reason,
        decision_attachment_ids: attachmentIds,
        excluded_as: excludedAs,
        decision_idempotency_key: input.idempotencyKey ?? null,
      });
      if (!decided) throw new AppError('REQUEST_DECIDED', 'the request was decided by someone else a moment ago; reload it', 'outcome');
      if (closes || extended) {
        const row = await this.d.orders.update(trx, order.id, order.version, {
          ...(closes ? { state: next.state, closed_at: next.closedAt } : {}),
          ...(extended ? { rectify_due: extended.rectifyDue, feedback_due: extended.feedbackDue } : {}),
        });
        if (!row) throw conflict('the work order was changed by someone else a moment ago; reload it', 'outcome');
      }
      const cancelled = closes ? await this.d.requests.cancelPending(trx, order.id, now, `the work order closed (${next.state}) when request ${request.id} was approved`) : [];
      const excluded = excludedAs ? await this.d.requests.excludeEvaluation(trx, order.evaluation_id, excludedAs, now) : false;
      const detail = {
        requestId: request.id,
        kind: request.kind,
        outcome: input.outcome,
        ...(excludedAs ? { excludedAs, evaluationId: order.evaluation_id, evaluationExcluded: excluded } : {}),
        ...(extended ? { days: request.days, rectifyDue: extended.rectifyDue.toISOString(), feedbackDue: extended.feedbackDue.toISOString() } : {}),
        ...(cancelled.length ? { cancelledRequests: cancelled } : {}),
      };
      await this.d.orders.insertEvent(trx, {
        work_order_id: order.id,
        action: DECIDED_ACTION[request.kind][input.outcome],
        actor_user_id: userIdOf(ctx),
        at: now,
        text: reason,
        from_state: order.state,
        to_state: next.state,
        attachment_ids: JSON.stringify(attachmentIds),
        detail: JSON.stringify(detail),
      });
      await this.d.audit.append(trx, { ...auditActor(ctx), action: 'workorder.request.decide', targetType: 'work_order', targetId: order.id, detail: { ...detail, from: order.state, to: next.state } });
      return decided;
    });
    return { request: result, order: (await this.d.orders.find(order.id))! };
  }

  /**
   * Reassigns (转办) an order to another unit with a reason: its unit, region and organisation path
   * become the new unit's, so the new unit (and not the old one) sees it; the new unit assigns its own
   * handler (back to opened). Only to an active unit inside the actor's own data scope.
   */
  async reassign(ctx: Ctx, workOrderId: number, input: { toUnitId: number; reason: string; attachmentIds?: number[] }) {
    requirePermission(ctx, 'workorder.reassign');
    const order = await this.scopedOrder(ctx, workOrderId);
    const reason = required('reason', input.reason);
    const unit = await this.d.orgs.find(input.toUnitId);
    if (!unit || unit.kind !== 'unit' || !unit.active) throw unknownReference('toUnitId', 'not an active unit');
    requireInScope(ctx, { regionCode: unit.region_code, orgPath: unit.path }, 'the unit to reassign to');
    if (unit.id === order.unit_id) throw invalid('toUnitId', 'the work order is with this unit already');
    const t = reassignTransition(statusOf(order));
    if (!t.ok) throw new AppError('ILLEGAL_TRANSITION', t.problem.reason, 'toUnitId');
    const attachmentIds = await checkAttachmentIds(this.d.orders, order.id, input.attachmentIds);
    const now = this.now();
    await this.d.db.transaction().execute(async (trx) => {
      const row = await this.d.orders.update(trx, order.id, order.version, { unit_id: unit.id, region_code: unit.region_code, org_path: unit.path, state: t.order.state, decision: t.order.decision });
      if (!row) throw conflict('the work order was changed by someone else a moment ago; reload it', 'toUnitId');
      const detail = { fromUnitId: order.unit_id, toUnitId: unit.id, fromRegionCode: order.region_code, toRegionCode: unit.region_code };
      await this.d.orders.insertEvent(trx, {
        work_order_id: order.id,
        action: 'reassign',
        actor_user_id: userIdOf(ctx),
        at: now,
        text: reason,
        from_state: order.state,
        to_state: t.order.state,
        attachment_ids: JSON.stringify(attachmentIds),
        detail: JSON.stringify(detail),
      });
      await this.d.audit.append(trx, { ...auditActor(ctx), action: 'workorder.reassign', targetType: 'work_order', targetId: order.id, detail: { ...detail, from: order.state, to: t.order.state } });
    });
  }

  /** Requests in the caller's data scope, for the management office's decision lists. */
  async list(ctx: Ctx, f: { kind?: RequestKind; status?: RequestStatus; workOrderId?: number; limit: number; offset: number }) {
    requirePermission(ctx, 'workorder.read');
    return this.d.requests.list(listScope(ctx), f);
  }

  /**
   * The requests and attachment metadata of an order the caller has read already (its timeline).
   * The scope is checked again, so no caller can use this to reach an order it may not read.
   */
  async timeline(ctx: Ctx, order: WorkOrder): Promise<{ requests: WorkOrderRequest[]; attachments: Awaited<ReturnType<WorkOrderAttachmentRepository['list']>> }> {
    await readableOrder(this.d.orders, ctx, order.id, this.now());
    const [requests, attachments] = [await this.d.requests.ofOrder(order.id), await this.d.attachments.list(order.id)];
    return { requests, attachments };
  }
}
