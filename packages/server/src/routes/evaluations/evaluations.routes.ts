import { Readable } from 'node:stream';
import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { CaseNo } from '../cases/case.schemas.ts';
import { IdParam, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';
import { AnyChannel, EvaluationView, evaluationView } from './evaluation.schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Bound = (description: string) => Type.String({ minLength: 10, maxLength: 40, description });

/** Evaluations for staff: the history in their data scope, one rating, and the GB/T 39046 export. */
export const evaluationRoutes: RouteModule = (app, c) => {
  const tags = ['evaluations'];

  app.get('/evaluations', {
    schema: {
      tags,
      summary: 'Ratings in your data scope, newest first; never who rated. Clerks see a rating only after their policy’s delay',
      querystring: Type.Object({
        regionCode: Type.Optional(RegionCode),
        unitId: Type.Optional(Id),
        windowId: Type.Optional(Id),
        staffId: Type.Optional(Id),
        itemCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
        bad: Type.Optional(Type.Boolean()),
        kind: Type.Optional(StringEnum(['active', 'default'] as const)),
        channel: Type.Optional(AnyChannel),
        from: Type.Optional(Bound('a date YYYY-MM-DD (Beijing) or an instant with offset; inclusive')),
        to: Type.Optional(Bound('a date (inclusive) or an instant (exclusive)')),
        caseNo: Type.Optional(CaseNo),
        ...Paging,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(EvaluationView) }), ...errors },
    },
  }, async (request) => {
    const { regionCode, ...rest } = request.query;
    const rows = await c.services.evaluationQueries.list(staffCtx(request), { ...rest, ...(regionCode ? { regionCode: c.services.regions.code(regionCode, 'regionCode') } : {}) });
    return { items: rows.map(evaluationView) };
  });

  app.get('/evaluations/export', {
    schema: {
      tags,
      summary: 'The GB/T 39046-2020 evaluation data set of a period (at most 366 days), as CSV (UTF-8 with BOM) or a JSON array',
      description:
        'Fields 办件编号, 评价渠道 (national code; channels without one are 9 其他), 评价人 (masked; 匿名 or 系统默认 otherwise), 评价时间 (YYYYMMDDThhmmss, +08:00), ' +
        '评价次数, 满意度, 满意度代码 (1 = 非常满意), 文字评价, 行政区划 (at most 9 digits). The channel mapping version is in the header x-hcp-mapping-version. Permission evaluation.export.',
      querystring: Type.Object({
        format: Type.Optional(StringEnum(['csv', 'json'] as const, { description: 'default csv' })),
        from: Bound('first day YYYY-MM-DD (Beijing) or an instant with offset'),
        to: Bound('last day YYYY-MM-DD (inclusive) or an instant (exclusive)'),
        regionCode: Type.Optional(RegionCode),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { regionCode, format, ...rest } = request.query;
    const out = await c.services.evaluationQueries.export(staffCtx(request), { ...rest, format: format ?? 'csv', ...(regionCode ? { regionCode: c.services.regions.code(regionCode, 'regionCode') } : {}) });
    return reply
      .header('content-type', out.contentType)
      .header('content-disposition', `attachment; filename="${out.filename}"`)
      .header('x-hcp-mapping-version', out.mappingVersion)
      .header('cache-control', 'no-store')
      .send(Readable.from(out.body, { objectMode: false }));
  });

  app.get('/evaluations/:id', {
    schema: { tags, summary: 'One rating; never who rated', params: IdParam, response: { 200: EvaluationView, ...errors } },
  }, async (request) => evaluationView(await c.services.evaluationQueries.get(staffCtx(request), request.params.id)));
};
