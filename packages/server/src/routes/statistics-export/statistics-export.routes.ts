import { Type } from '@fastify/type-provider-typebox';
import { RANKING_METRICS } from '@hcp/domain';
import type { FastifyReply } from 'fastify';
import { XLSX_CONTENT_TYPE } from '../../documents/xlsx.ts';
import { staffCtx } from '../../http/request-context.ts';
import { RANKING_LEVELS, type SliceQuery as SliceInput } from '../../services/statistics.service.ts';
import type { RouteModule } from '../index.ts';
import { StringEnum } from '../shared/schemas.ts';
import { queryObject, SliceQuery, StatisticsGroupBy } from '../statistics/statistics.schemas.ts';

/**
 * The console's statistics and ranking tables as XLSX files: the same query strings as
 * GET /api/statistics and GET /api/rankings, the same numbers, audited as exports.
 */
export const statisticsExportRoutes: RouteModule = (app, c) => {
  const tags = ['statistics'];
  const slice = <T extends { regionCode?: string }>(q: T): T & SliceInput =>
    ({ ...q, ...(q.regionCode !== undefined ? { regionCode: c.services.regions.code(q.regionCode, 'regionCode') } : {}) }) as T & SliceInput;
  const send = (reply: FastifyReply, out: { filename: string; body: Buffer }) =>
    reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${out.filename}"`)
      .header('cache-control', 'no-store')
      .send(out.body);

  app.get('/statistics/export', {
    schema: {
      tags,
      summary: 'The table of GET /api/statistics (same query) as an XLSX workbook; permission statistics.read, audited',
      description: 'A sheet with every group and its metrics and a total row, and an overview sheet with the period, the slice and the formula version.',
      querystring: queryObject({
        ...SliceQuery,
        kind: Type.Optional(StringEnum(['active', 'default'] as const)),
        groupBy: Type.Optional(StatisticsGroupBy),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 5000 })),
      }),
    },
  }, async (request, reply) => send(reply, await c.services.statisticsExport.statisticsXlsx(staffCtx(request), slice(request.query))));

  app.get('/rankings/export', {
    schema: {
      tags,
      summary: 'The ranking of GET /api/rankings (same query) as an XLSX workbook with its method; permission ranking.read, audited',
      querystring: queryObject({
        ...SliceQuery,
        level: StringEnum(RANKING_LEVELS),
        metric: Type.Optional(StringEnum(RANKING_METRICS)),
      }),
    },
  }, async (request, reply) => send(reply, await c.services.statisticsExport.rankingXlsx(staffCtx(request), slice(request.query))));
};
