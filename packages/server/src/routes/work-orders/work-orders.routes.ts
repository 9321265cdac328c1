import { Type } from '@fastify/type-provider-typebox';
import { WORK_ORDER_ACTIONS, WORK_ORDER_DECISIONS, WORK_ORDER_STATES } from '@hcp/domain';
import type { WorkOrder, WorkOrderEvent } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, StringEnum, errors } from '../shared/schemas.ts';

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
  closedAt: Nullable(Deadline),
});

const EventView = Type.Object({
  action: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  at: Deadline,
  text: Nullable(Type.String()),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
});

type Status = { pending: 'firstContactDue' | 'rectifyDue' | 'feedbackDue' | null; overdue: boolean };
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
  closedAt: o.closed_at?.toISOString() ?? null,
});
const eventView = (e: WorkOrderEvent) => ({ action: e.action, actorUserId: e.actor_user_id, at: e.at.toISOString(), text: e.text, fromState: e.from_state, toState: e.to_state });

const Detail = Type.Object({ workOrder: WorkOrderView, events: Type.Array(EventView) });

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
    return { workOrder: view(r.order, r), events: r.events.map(eventView) };
  });

  app.post('/work-orders/:id/actions', {
    schema: {
      tags,
      summary: 'Takes the next step of a work order; a skipped, repeated or closed step is 409 ILLEGAL_TRANSITION',
      description: 'assign, verify, decide_* need workorder.handle (unit, supervisor); revisit_* need workorder.revisit (12345 operator, supervisor).',
      params: IdParam,
      body: Type.Object({
        action: StringEnum(WORK_ORDER_ACTIONS),
        text: Type.Optional(Type.String({ maxLength: 1000, description: 'what was done or said' })),
      }, { additionalProperties: false }),
      response: { 200: Detail, ...errors },
    },
  }, async (request) => {
    const r = await c.services.workOrders.act(staffCtx(request), request.params.id, request.body.action, { text: request.body.text });
    return { workOrder: view(r.order, r), events: r.events.map(eventView) };
  });
};
