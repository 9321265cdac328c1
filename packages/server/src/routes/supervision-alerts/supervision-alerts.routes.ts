import { Type } from '@fastify/type-provider-typebox';
import { SUPERVISION_ALERT_KINDS } from '@hcp/domain';
import { staffCtx } from '../../http/request-context.ts';
import type { SupervisionAlertRow } from '../../repositories/supervision-alert.repository.ts';
import type { RouteModule } from '../index.ts';
import { errors, IdParam, Nullable, Paging, StringEnum } from '../shared/schemas.ts';

const Kind = StringEnum(SUPERVISION_ALERT_KINDS, { description: 'staff_bad_ratings 工作人员差评集中, unit_low_rank 单位差评率高且排名靠后, unit_overdue 单位整改工单超期' });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a month, YYYY-MM' });
const Time = Type.String({ format: 'date-time' });
const Figures = Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()]), {
  description: 'the figures and thresholds the alert rests on: ratings, bad, badRate, reason (count / rate / count_and_rate); rank, rankedCount, smoothed, rankingRegion; orders, overdue, overdueRate, stillOpen',
});

const AlertView = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  unitId: Type.Integer(),
  unitName: Type.String(),
  staffId: Nullable(Type.Integer()),
  staffName: Nullable(Type.String({ description: 'the staff member rated (staff_bad_ratings); shown to the management office, never put in notifications' })),
  employeeNo: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  period: Type.Object({ kind: StringEnum(['month'] as const), key: Type.String(), from: Type.String(), to: Type.String({ description: 'last day, inclusive' }) }),
  figures: Figures,
  firstFigures: Figures,
  policy: Type.Object({ regionCode: Type.String(), version: Type.Integer() }),
  raisedAt: Time,
  checkedAt: Time,
  recipients: Type.Integer({ description: 'supervisors notified when it was raised' }),
  acknowledged: Nullable(Type.Object({ by: Type.Integer(), byName: Nullable(Type.String()), at: Time, note: Type.String() })),
});

const view = (a: SupervisionAlertRow) => ({
  id: a.id,
  kind: a.kind,
  unitId: a.unit_id,
  unitName: a.unit_name,
  staffId: a.staff_id,
  staffName: a.staff_name,
  employeeNo: a.employee_no,
  regionCode: a.region_code,
  regionName: a.region_name,
  period: { kind: a.period_kind, key: a.period_key, from: a.period_from, to: a.period_to },
  figures: a.figures,
  firstFigures: a.first_figures,
  policy: { regionCode: a.policy_region_code, version: a.policy_version },
  raisedAt: a.raised_at.toISOString(),
  checkedAt: a.checked_at.toISOString(),
  recipients: a.recipients,
  acknowledged: a.acknowledged_at && a.acknowledged_by !== null
    ? { by: a.acknowledged_by, byName: a.acknowledged_by_name, at: a.acknowledged_at.toISOString(), note: a.acknowledge_note ?? '' }
    : null,
});

/** Supervision alerts (督办预警): list in scope, read one, acknowledge, and run the check on demand. */
export const supervisionAlertRoutes: RouteModule = (app, c) => {
  const tags = ['supervision-alerts'];

  app.get('/supervision-alerts', {
    schema: {
      tags,
      summary: 'Supervision alerts in your data scope, newest first, with how many are open; permission supervision.read',
      description: 'Raised once per kind, subject and month by the daily job supervision.alerts with the thresholds of the region’s policy (supervisionAlerts).',
      querystring: Type.Object({
        kind: Type.Optional(Kind),
        status: Type.Optional(StringEnum(['open', 'acknowledged'] as const)),
        period: Type.Optional(Month),
        unitId: Type.Optional(IdParam.properties.id),
        ...Paging,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AlertView), open: Type.Integer({ description: 'alerts in your scope not yet acknowledged' }) }), ...errors },
    },
  }, async (request) => {
    const r = await c.services.supervisionAlerts.list(staffCtx(request), request.query);
    return { items: r.items.map(view), open: r.open };
  });

  app.get('/supervision-alerts/:id', {
    schema: { tags, summary: 'One supervision alert; permission supervision.read', params: IdParam, response: { 200: AlertView, ...errors } },
  }, async (request) => view(await c.services.supervisionAlerts.get(staffCtx(request), request.params.id)));

  app.post('/supervision-alerts/:id/acknowledge', {
    schema: {
      tags,
      summary: 'Acknowledges an alert with what was done (约谈, 教育提醒, 调岗 …); permission supervision.acknowledge, audited',
      description: 'Again on an acknowledged alert: the alert as it is; the first acknowledgement stays.',
      params: IdParam,
      body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: AlertView, ...errors },
    },
  }, async (request) => view(await c.services.supervisionAlerts.acknowledge(staffCtx(request), request.params.id, request.body.note)));

  app.post('/supervision-alerts/check', {
    schema: {
      tags,
      summary: 'Runs the check now for the subjects in your data scope (the job does it daily for all); permission supervision.acknowledge, audited',
      description: 'Without a period: the current and the last month. Alerts raised before are not raised again; their latest figures are stored.',
      body: Type.Object({ period: Type.Optional(Month) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          periods: Type.Array(Type.String()),
          due: Type.Integer(),
          raised: Type.Object({ staff_bad_ratings: Type.Integer(), unit_low_rank: Type.Integer(), unit_overdue: Type.Integer() }),
          refreshed: Type.Integer(),
          notified: Type.Integer(),
        }),
        ...errors,
      },
    },
  }, async (request) => c.services.supervisionAlerts.run(staffCtx(request), request.body ?? {}));
};
