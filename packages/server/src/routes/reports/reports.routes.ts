import { Type } from '@fastify/type-provider-typebox';
import { REPORT_PERIOD_KINDS } from '@hcp/domain';
import type { Report } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';

const Status = StringEnum(['pending', 'retrying', 'ready', 'failed'] as const, { description: 'pending: queued; retrying: an attempt failed and will be retried; ready: files downloadable; failed: gave up (see error)' });
const PeriodKind = StringEnum(REPORT_PERIOD_KINDS);

const ReportView = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  periodKind: PeriodKind,
  period: Type.String({ description: '2026-10 or 2026-Q4' }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date', description: 'exclusive' }),
  status: Status,
  attempts: Type.Integer(),
  error: Nullable(Type.String()),
  trigger: StringEnum(['schedule', 'on_demand'] as const),
  formulaVersion: Nullable(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
  generatedAt: Nullable(Type.String({ format: 'date-time' })),
});

type ReportRow = Omit<Report, 'figures'> & { figures?: unknown };
const view = (r: ReportRow) => ({
  id: r.id, regionCode: r.region_code, periodKind: r.period_kind, period: r.period_key, from: r.period_from, to: r.period_to, status: r.status,
  attempts: r.attempts, error: r.error, trigger: r.trigger, formulaVersion: r.formula_version,
  createdAt: new Date(r.created_at).toISOString(), generatedAt: r.generated_at ? new Date(r.generated_at).toISOString() : null,
});

/** Reports (通报): monthly and quarterly per region, generated on schedule or on demand, as XLSX and PDF. */
export const reportRoutes: RouteModule = (app, c) => {
  const tags = ['reports'];

  app.post('/reports', {
    schema: {
      tags,
      summary: 'Ask for the report of a region and month or quarter (permission report.generate); a job generates it',
      description: 'A new report is queued (queued true). An existing one is returned as it is, or queued again with regenerate; its stored files are replaced only in the transaction that marks the new generation ready.',
      body: Type.Object({
        regionCode: RegionCode,
        periodKind: PeriodKind,
        period: Type.String({ maxLength: 8, description: '2026-10 (month) or 2026-Q4 (quarter)' }),
        regenerate: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ report: ReportView, queued: Type.Boolean() }), ...errors },
    },
  }, async (request) => {
    const b = request.body;
    const r = await c.services.reports.request(staffCtx(request), { ...b, regionCode: c.services.regions.code(b.regionCode, 'regionCode') });
    return { report: view(r.report), queued: r.queued };
  });

  app.get('/reports', {
    schema: {
      tags,
      summary: 'Reports of the regions in your data scope, newest period first (permission report.read)',
      querystring: Type.Object({ regionCode: Type.Optional(RegionCode), periodKind: Type.Optional(PeriodKind), status: Type.Optional(Status), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ReportView) }), ...errors },
    },
  }, async (request) => {
    const { regionCode, ...rest } = request.query;
    const rows = await c.services.reports.list(staffCtx(request), { ...rest, ...(regionCode ? { regionCode: c.services.regions.code(regionCode, 'regionCode') } : {}) });
    return { items: rows.map(view) };
  });

  app.get('/reports/:id', {
    schema: {
      tags,
      summary: 'One report: its status, its files and, once ready, its figures (formulas: docs/domain/metrics.md)',
      params: IdParam,
      response: {
        200: Type.Object({
          report: ReportView,
          files: Type.Array(Type.Object({ format: StringEnum(['xlsx', 'pdf'] as const), size: Type.Integer(), sha256: Type.String() })),
          figures: Nullable(Type.Unknown()),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const r = await c.services.reports.get(staffCtx(request), request.params.id);
    return { report: view(r.report), files: r.files, figures: r.report.figures ?? null };
  });

  app.get('/reports/:id/files/:format', {
    schema: {
      tags,
      summary: 'Download a ready report as XLSX or PDF; a report not ready is 409',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }), format: StringEnum(['xlsx', 'pdf'] as const) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const f = await c.services.reports.file(staffCtx(request), request.params.id, request.params.format);
    return reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'private, no-store').send(f.bytes);
  });
};
