import { Type } from '@fastify/type-provider-typebox';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../errors.ts';
import { staffCtx } from '../../http/request-context.ts';
import { IMPORT_KINDS } from '../../imports/importer.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, StringEnum, errors } from '../shared/schemas.ts';

const ImportKind = StringEnum(IMPORT_KINDS);
const KindParam = Type.Object({ kind: ImportKind }, { additionalProperties: false });
const RowError = Type.Object({ row: Type.Integer(), column: Type.Optional(Type.String()), reason: Type.String() });

const ImportSummary = {
  id: Type.Integer(),
  kind: Type.String(),
  filename: Type.String(),
  status: StringEnum(['applied', 'rejected'] as const),
  rowsTotal: Type.Integer(),
  rowsApplied: Type.Integer(),
  createdBy: Nullable(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
};

const summary = (r: { id: number; kind: string; filename: string; status: 'applied' | 'rejected'; rows_total: number; rows_applied: number; created_by: number | null; created_at: Date }) => ({
  id: r.id,
  kind: r.kind,
  filename: r.filename,
  status: r.status,
  rowsTotal: r.rows_total,
  rowsApplied: r.rows_applied,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/** Bulk import of master data and of cases (CSV or XLSX), its history and its templates. */
export const importRoutes: RouteModule = (app, c) => {
  const tags = ['imports'];

  app.post('/imports/:kind', {
    schema: {
      tags,
      summary: 'Import a CSV or XLSX file (multipart field "file"): all rows or none',
      description: 'A file with any problem is rejected with 422 IMPORT_FAILED and every problem as {row, column, reason}; nothing is written.',
      consumes: ['multipart/form-data'],
      params: KindParam,
      response: {
        200: Type.Object({ id: Type.Integer(), kind: ImportKind, filename: Type.String(), status: Type.Literal('applied'), rowsTotal: Type.Integer(), rowsApplied: Type.Integer(), inserted: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }),
        ...errors,
        413: errors[400],
        415: errors[400],
      },
    },
  }, async (request) => {
    const ctx = staffCtx(request);
    const part: MultipartFile | undefined = await request.file();
    if (!part) throw new AppError('VALIDATION_FAILED', 'no file: send it as multipart/form-data in the field "file"', 'file', [{ field: 'file', reason: 'is required' }]);
    let consumed = false;
    try {
      if (part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', `the file must be in the multipart field "file", not "${part.fieldname.slice(0, 50)}"`, 'file', [{ field: 'file', reason: 'is required' }]);
      return await c.services.imports.run(ctx, request.params.kind, {
        filename: part.filename,
        read: async () => {
          consumed = true;
          return part.toBuffer();
        },
      });
    } finally {
      // An upload we never read is drained, so the request can complete.
      if (!consumed) part.file.resume();
    }
  });

  app.get('/imports', {
    schema: {
      tags,
      summary: 'Import history, newest first (your own imports unless you have no data scope)',
      querystring: Type.Object({ kind: Type.Optional(ImportKind), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...ImportSummary, errorCount: Type.Integer() })) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.imports.list(staffCtx(request), request.query);
    return { items: rows.map((r) => ({ ...summary(r), errorCount: r.error_count })) };
  });

  app.get('/imports/:id', {
    schema: { tags, summary: 'One import with its full error report', params: IdParam, response: { 200: Type.Object({ ...ImportSummary, errors: Type.Array(RowError) }), ...errors } },
  }, async (request) => {
    const r = await c.services.imports.get(staffCtx(request), request.params.id);
    return { ...summary(r), errors: r.errors };
  });

  app.get('/imports/:kind/template', {
    schema: {
      tags,
      summary: 'An empty file with the header row of this kind: "中文名(key)" per column',
      params: KindParam,
      querystring: Type.Object({ format: Type.Optional(StringEnum(['csv', 'xlsx'] as const, { description: 'default csv' })) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const t = await c.services.imports.template(staffCtx(request), request.params.kind, request.query.format ?? 'csv');
    return reply.header('content-type', t.contentType).header('content-disposition', `attachment; filename="${t.filename}"`).send(t.body);
  });
};
