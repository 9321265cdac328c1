import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import { UNMASKABLE } from '../../services/case.service.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, StringEnum, errors } from '../shared/schemas.ts';
import { CaseDetail, CaseNo, CaseStageSchema, CaseView, ChannelSchema, caseView } from './case.schemas.ts';

/** Cases (办件) for staff: in their data scope, personal data masked; unmasking is a separate, audited act. */
export const caseRoutes: RouteModule = (app, c) => {
  const tags = ['cases'];

  app.get('/cases', {
    schema: {
      tags,
      summary: 'Cases in your data scope, newest first; phone and idNumber match exactly through a blind index',
      querystring: Type.Object({
        unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        itemCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        stage: Type.Optional(CaseStageSchema),
        channel: Type.Optional(ChannelSchema),
        completedFrom: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
        completedTo: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'exclusive' })),
        caseNo: Type.Optional(CaseNo),
        phone: Type.Optional(Type.String({ minLength: 5, maxLength: 20, pattern: '^\\+?[0-9][0-9 -]*$' })),
        idNumber: Type.Optional(Type.String({ minLength: 2, maxLength: 32, pattern: '^[0-9A-Za-z()-]+$' })),
        ...Paging,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(CaseView) }), ...errors },
    },
  }, async (request) => {
    const { completedFrom, completedTo, ...rest } = request.query;
    const rows = await c.services.cases.list(staffCtx(request), {
      ...rest,
      ...(completedFrom ? { completedFrom: new Date(completedFrom) } : {}),
      ...(completedTo ? { completedTo: new Date(completedTo) } : {}),
    });
    return { items: rows.map(caseView) };
  });

  app.get('/cases/:id', { schema: { tags, summary: 'One case with its stage events, personal data masked', params: IdParam, response: { 200: CaseDetail, ...errors } } }, async (request) => {
    const row = await c.services.cases.get(staffCtx(request), request.params.id);
    return { ...caseView(row), stages: row.stages.map((s) => ({ stage: s.stage, at: new Date(s.occurred_at).toISOString(), recordedAt: new Date(s.recorded_at).toISOString() })) };
  });

  app.post('/cases/:id/unmask', {
    schema: {
      tags,
      summary: 'Read personal data unmasked (permission pii.unmask); the reason is kept in the audit log',
      params: IdParam,
      body: Type.Object({
        fields: Type.Array(StringEnum(UNMASKABLE), { minItems: 1, maxItems: 3, uniqueItems: true }),
        reason: Type.String({ minLength: 5, maxLength: 200 }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ id: Type.Integer(), caseNo: Type.String(), fields: Type.Object({ name: Type.Optional(Nullable(Type.String())), idNumber: Type.Optional(Nullable(Type.String())), phone: Type.Optional(Nullable(Type.String())) }) }),
        ...errors,
      },
    },
  }, async (request) => c.services.cases.unmask(staffCtx(request), request.params.id, request.body.fields, request.body.reason));
};
