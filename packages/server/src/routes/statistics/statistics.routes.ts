import { Type } from '@fastify/type-provider-typebox';
import { RANKING_METRICS } from '@hcp/domain';
import { staffCtx } from '../../http/request-context.ts';
import { RANKING_LEVELS, type SliceQuery as SliceInput } from '../../services/statistics.service.ts';
import type { RouteModule } from '../index.ts';
import { RegionCode, StringEnum, errors } from '../shared/schemas.ts';
import { queryObject, RankingMethodResponse, RankingResponse, SliceQuery, StatisticsGroupBy, StatisticsResponse } from './statistics.schemas.ts';

/** Statistics (监督统计) and fair rankings (排名) for staff, and the published ranking method. */
export const statisticsRoutes: RouteModule = (app, c) => {
  const tags = ['statistics'];
  /** The query with its region code normalised to 12 digits (a 400 with the field otherwise). */
  const slice = <T extends { regionCode?: string }>(q: T): T & SliceInput =>
    ({ ...q, ...(q.regionCode !== undefined ? { regionCode: c.services.regions.code(q.regionCode, 'regionCode') } : {}) }) as T & SliceInput;

  app.get('/statistics', {
    schema: {
      tags,
      summary: 'Metrics of a slice and period, optionally by group, in your data scope; permission statistics.read',
      description:
        'Read from the rollups the database keeps in the transaction of every rating, case and work order. Formulas and their version: docs/domain/metrics.md. ' +
        'A window clerk sees only their own figures, and only for days that ended at least the policy’s clerkSeesRatingsAfterHours ago (period.visibleThrough).',
      querystring: queryObject({
        ...SliceQuery,
        kind: Type.Optional(StringEnum(['active', 'default'] as const, { description: 'which ratings the level statistics describe (default active)' })),
        groupBy: Type.Optional(StatisticsGroupBy),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000, description: 'at most this many groups' })),
      }),
      response: { 200: StatisticsResponse, ...errors },
    },
  }, async (request) => c.services.statistics.query(staffCtx(request), slice(request.query)));

  app.get('/rankings', {
    schema: {
      tags,
      summary: 'A fair ranking of units, windows, staff, service items or regions in your data scope; permission ranking.read',
      description: 'Minimum volume and Bayesian smoothing from the region’s policy (ranking); the method text is in the answer and at /api/public/ranking-method.',
      querystring: queryObject({
        ...SliceQuery,
        level: StringEnum(RANKING_LEVELS, { description: 'what to rank; region ranks the children of the region asked (or of your scope)' }),
        metric: Type.Optional(StringEnum(RANKING_METRICS, { description: 'satisfaction (满意度, higher is better; default) or badRate (差评率, lower is better)' })),
      }),
      response: { 200: RankingResponse, ...errors },
    },
  }, async (request) => c.services.statistics.ranking(staffCtx(request), slice(request.query)));

  app.get('/public/ranking-method', {
    schema: {
      tags,
      summary: 'How rankings are made (排名方法), with the numbers of a region’s policy (national by default); no login',
      querystring: queryObject({ regionCode: Type.Optional(RegionCode) }),
      response: { 200: RankingMethodResponse, ...errors },
    },
  }, async (request, reply) => {
    const { regionCode } = request.query;
    const method = await c.services.statistics.rankingMethod(regionCode !== undefined ? c.services.regions.code(regionCode, 'regionCode') : undefined);
    void reply.header('cache-control', 'public, max-age=300');
    return method;
  });
};
