import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable, Paging, RegionCode, StringEnum } from '../shared/schemas.ts';

const Day = (description: string) => Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description });
const Query = {
  from: Day('first day, YYYY-MM-DD (Beijing)'),
  to: Day('last day, YYYY-MM-DD (Beijing), inclusive; at most 366 days after from'),
  region: Type.Optional(RegionCode),
};
const At = Nullable(Type.String({ format: 'date-time' }));
const Rate = Nullable(Type.Number({ description: 'of the ratings not excluded by an upheld appeal, 0 to 1; null when there are none' }));

const Item = Type.Object({
  evaluationId: Type.Integer(),
  submittedAt: Type.String({ format: 'date-time' }),
  caseNo: Type.String(),
  itemName: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  regionCode: Type.String(),
  level: Type.Integer(),
  channel: Type.String(),
  excludedAs: Nullable(Type.String({ description: 'mistaken 误评 / malicious 恶意差评 when an appeal was upheld' })),
  workOrderId: Nullable(Type.Integer()),
  state: Nullable(Type.String()),
  decision: Nullable(Type.String()),
  reviewRound: Nullable(Type.Integer()),
  rectifiedAt: At,
  revisitedAt: At,
  revisitResult: Nullable(StringEnum(['satisfied', 'unsatisfied'] as const)),
  closedAt: At,
  notClosed: Type.Boolean({ description: 'flag: the 100 % target is not yet met for this rating' }),
});

const Totals = Type.Object({
  count: Type.Integer(),
  excluded: Type.Integer(),
  tracked: Type.Integer({ description: 'count less excluded' }),
  closed: Type.Integer(),
  revisited: Type.Integer(),
  rectified: Type.Integer(),
  notClosed: Type.Integer(),
  closedRate: Rate,
  revisitRate: Rate,
  rectifyRate: Rate,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Real-name bad ratings tracked to 100 % (实名差评回访整改), as JSON and as XLSX. */
export const realNameReportRoutes: RouteModule = (app, c) => {
  const tags = ['work-orders'];
  const regionOf = (region: string | undefined) => (region ? { regionCode: c.services.regions.code(region, 'region') } : {});

  app.get('/work-orders/real-name-report', {
    schema: {
      tags,
      summary: 'Every real-name bad rating of a period in your data scope, with its revisit and rectification state; permission workorder.read',
      description: 'Totals cover the whole period; items are paged, oldest rating first. A reversed period or one longer than 366 days is 400.',
      querystring: Type.Object({ ...Query, ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }), totals: Totals, items: Type.Array(Item) }), ...errors },
    },
  }, async (request) => {
    const { region, ...q } = request.query;
    const r = await c.services.realNameReport.report(staffCtx(request), { ...q, ...regionOf(region) });
    return {
      from: r.from.toISOString(),
      to: r.to.toISOString(),
      totals: r.totals,
      items: r.items.map((i) => ({ ...i, submittedAt: i.submittedAt.toISOString(), rectifiedAt: iso(i.rectifiedAt), revisitedAt: iso(i.revisitedAt), closedAt: iso(i.closedAt) })),
    };
  });

  app.get('/work-orders/real-name-report/export', {
    schema: {
      tags,
      summary: 'The same report as an XLSX workbook (ratings and totals); permission workorder.read, audited',
      querystring: Type.Object(Query, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { region, ...q } = request.query;
    const out = await c.services.realNameReport.xlsx(staffCtx(request), { ...q, ...regionOf(region) });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${out.filename}"`)
      .header('cache-control', 'no-store')
      .send(out.body);
  });
};
