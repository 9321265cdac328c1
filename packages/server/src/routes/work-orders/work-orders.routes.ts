import { Type } from '@fastify/type-provider-typebox';
import { WORK_ORDER_ACTIONS, WORK_ORDER_DECISIONS, WORK_ORDER_STATES } from '@hcp/domain';
import type { WorkOrder, WorkOrderEvent } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { Container } from '../../container.ts';
import type { Ctx } from '../../services/actor.ts';
import type { WorkOrderSummary } from '../../repositories/work-order.repository.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, StringEnum, errors } from '../shared/schemas.ts';
import { AttachmentIds, AttachmentView, RequestView, timelineView } from './requests.schemas.ts';
import { AlertFields, AlertFlagSchema, alertFields } from './alert-view.ts';

const State = StringEnum(WORK_ORDER_STATES, { description: 'opened 待分派 … closed_resolved 已办结 / closed_unresolved 未解决' });
const Deadline = Type.String({ format: 'date-time' });

const WorkOrderView = Type.Object({
  id: Type.Integer(),
  evaluationId: Type.Integer(),
  caseId: Type.Integer(),
  unitId: Type.Integer(),
  staffId: Nullable(Type.Integer()),
  regionCode: Type.String(),
  state: State,
  decision: Nullable(StringEnum(WORK_ORDER_DECISIONS)),
  reviewRound: Type.Integer({ description: '1 for the first pass, 2 after an unsatisfied revisit (复核)' }),
  openedAt: Deadline,
  deadlines: Type.Object({ firstContactDue: Deadline, rectifyDue: Deadline, feedbackDue: Deadline }),
  pendingDeadline: Nullable(StringEnum(['firstContactDue', 'rectifyDue', 'feedbackDue'] as const)),
  overdue: Type.Boolean(),
  ...AlertFields,
  closedAt: Nullable(Deadline),
  revisitEvaluationId: Nullable(Type.Integer({ description: 'the evaluator’s new rating a satisfied revisit (回访) recorded; it supersedes evaluationId' })),
  revisitMistaken: Type.Boolean({ description: 'the evaluator said at the revisit that the first rating was a mistake (误评)' }),
  publicReply: Nullable(Type.String({ description: 'the public reply (公开答复), published with the masked rating' })),
  publicReplyAt: Nullable(Deadline),
  summary: Nullable(Type.Object({
    caseNo: Type.String(),
    itemName: Type.String(),
    unitName: Type.String({ description: 'the unit the order is with now (after a reassignment, the new one)' }),
    staffName: Nullable(Type.String({ description: 'the staff member who handled the case (谁办理、谁负责)' })),
    level: Type.Integer({ description: 'the level of the order’s rating' }),
    realName: Type.Boolean(),
    excludedAs: Nullable(StringEnum(['mistaken', 'malicious'] as const, { description: 'an upheld appeal: the rating is 误评 / 恶意差评 and not counted' })),
  }, { description: 'what the order is about, for lists; never who rated' })),
  workingDaysLeft: Nullable(Type.Integer({ description: 'working days on the region calendar to the pending deadline: 0 due today, negative overdue by that many' })),
  appealWindowEnd: Type.Optional(Type.String({ format: 'date-time', description: 'GET /work-orders/:id: the end (exclusive) of the window to appeal the rating (复核申诉)' })),
});

const EventView = Type.Object({
  action: Type.String(),
  attachmentIds: Type.Array(Type.Integer(), { description: 'attachments of the order this step refers to' }),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'a request’s id and kind, the units of a reassignment' })),
  actorUserId: Nullable(Type.Integer()),
  at: Deadline,
  text: Nullable(Type.String()),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  actorKind: StringEnum(['user', 'system', 'evaluator'] as const, { description: 'evaluator: the evaluator answered the revisit online' }),
  evaluationId: Nullable(Type.Integer({ description: 'the rating this step recorded (a satisfied revisit)' })),
  actorName: Type.Optional(Nullable(Type.String({ description: 'the display name of the staff account that took the step' }))),
});

type Status = {
  pending: 'firstContactDue' | 'rectifyDue' | 'feedbackDue' | null;
  overdue: boolean;
  summary: WorkOrderSummary | null;
  workingDaysLeft: number | null;
  appealWindowEnd?: Date;
};
const view = (o: WorkOrder, s: Status) => ({
  id: o.id,
  evaluationId: o.evaluation_id,
  caseId: o.case_id,
  unitId: o.unit_id,
  staffId: o.staff_id,
  regionCode: o.region_code,
  state: o.state,
  decision: o.decision,
  reviewRound: o.review_round,
  openedAt: o.opened_at.toISOString(),
  deadlines: { firstContactDue: o.first_contact_due.toISOString(), rectifyDue: o.rectify_due.toISOString(), feedbackDue: o.feedback_due.toISOString() },
  pendingDeadline: s.pending,
  overdue: s.overdue,
  ...alertFields(o),
  closedAt: o.closed_at?.toISOString() ?? null,
  revisitEvaluationId: o.revisit_evaluation_id,
  revisitMistaken: o.revisit_mistaken,
  publicReply: o.public_reply,
  publicReplyAt: o.public_reply_at?.toISOString() ?? null,
  summary: s.summary,
  workingDaysLeft: s.workingDaysLeft,
  ...(s.appealWindowEnd ? { appealWindowEnd: s.appealWindowEnd.toISOString() } : {}),
});
const eventView = (e: WorkOrderEvent & { actor_name?: string | null }) => ({
  action: e.action, actorUserId: e.actor_user_id, at: e.at.toISOString(), text: e.text, fromState: e.from_state, toState: e.to_state,
  actorKind: e.actor_kind ?? (e.actor_user_id !== null ? ('user' as const) : ('system' as const)),
  evaluationId: e.evaluation_id,
  attachmentIds: e.attachment_ids,
  detail: e.detail,
  ...(e.actor_name !== undefined ? { actorName: e.actor_name } : {}),
});

export const Detail = Type.Object({
  workOrder: WorkOrderView,
  events: Type.Array(EventView),
  requests: Type.Optional(Type.Array(RequestView, { description: 'extension (延期), appeal (复核申诉) and 无法整改 requests with their decisions' })),
  attachments: Type.Optional(Type.Array(AttachmentView, { description: 'attachments (附件), without their bytes' })),
});

/** One order as GET /api/work-orders/:id shows it, from what WorkOrderService.get answered: steps, requests, attachments. */
export async function detailView(c: Container, ctx: Ctx, r: Awaited<ReturnType<Container['services']['workOrders']['get']>>) {
  return { workOrder: view(r.order, r), events: r.events.map(eventView), ...timelineView(await c.services.workOrderRequests.timeline(ctx, r.order)) };
}

/** Work orders (整改工单) of bad ratings: the scoped list, one order with its steps, and taking a step. */
export const workOrderRoutes: RouteModule = (app, c) => {
  const tags = ['work-orders'];

  app.get('/work-orders', {
    schema: {
      tags,
      summary: 'Work orders in your data scope, newest first; permission workorder.read',
      querystring: Type.Object({
        state: Type.Optional(State),
        overdue: Type.Optional(Type.Boolean({ description: 'only open orders whose pending deadline has passed' })),
        flag: Type.Optional(AlertFlagSchema),
        ...Paging,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(WorkOrderView) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.workOrders.list(staffCtx(request), request.query);
    return { items: rows.map((r) => view(r.order, r)) };
  });

  app.get('/work-orders/:id', {
    schema: { tags, summary: 'One work order with its deadlines and every step taken', params: IdParam, response: { 200: Detail, ...errors } },
  }, async (request) => {
    const r = await c.services.workOrders.get(staffCtx(request), request.params.id);
    return detailView(c, staffCtx(request), r);
  });

  app.post('/work-orders/:id/actions', {
    schema: {
      tags,
      summary: 'Takes the next step of a work order; a skipped, repeated or closed step is 409 ILLEGAL_TRANSITION',
      description: 'assign, verify, decide_* need workorder.handle (unit, supervisor); revisit_* need workorder.revisit (12345 operator, supervisor).',
      params: IdParam,
      body: Type.Object({
        action: StringEnum(WORK_ORDER_ACTIONS),
        text: Type.Optional(Type.String({ maxLength: 1000, description: 'what was done or said; required for feedback and revisit_unsatisfied' })),
        attachmentIds: Type.Optional(AttachmentIds),
        level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'revisit_satisfied: the evaluator’s new level (not a bad one: that is revisit_unsatisfied)' })),
        tags: Type.Optional(Type.Array(Type.String({ pattern: '^[1-5][0-9]{2}$' }), { maxItems: 20, description: 'revisit_satisfied: reason tags of the new level' })),
        mistaken: Type.Optional(Type.Boolean({ description: 'revisit_satisfied: the first rating was a mistake (误评), corrected by the new one' })),
        idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$', description: 'a retried step with the same key answers the order as it is' })),
      }, { additionalProperties: false }),
      response: { 200: Detail, ...errors },
    },
  }, async (request) => {
    const { action, ...input } = request.body;
    const r = await c.services.workOrders.act(staffCtx(request), request.params.id, action, input);
    return detailView(c, staffCtx(request), r);
  });

  app.put('/work-orders/:id/public-reply', {
    schema: {
      tags,
      summary: 'Publishes, replaces or (text null) withdraws the public reply (公开答复) of a closed order; permission workorder.handle',
      description: 'Shown on GET /api/public/replies with the masked rating. An open order is 409 ILLEGAL_TRANSITION; a phone or ID number in the text is 400.',
      params: IdParam,
      body: Type.Object({ text: Nullable(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 200: Detail, ...errors },
    },
  }, async (request) => {
    const r = await c.services.workOrders.setPublicReply(staffCtx(request), request.params.id, request.body.text);
    return detailView(c, staffCtx(request), r);
  });
};
