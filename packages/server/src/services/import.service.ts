import type { Database } from '../db/database.ts';
import type { ImportRowError } from '../db/schema.ts';
import { AppError, notFound, outOfScope } from '../errors.ts';
import { headerOf, mapHeaders } from '../imports/columns.ts';
import { rowReaders, type ApplyCounts, type Importer, type ImportKind } from '../imports/importer.ts';
import { RowErrors, RowFailure } from '../imports/row-errors.ts';
import type { RowReader } from '../imports/row-reader.ts';
import { formatOf, readTable, type TableFormat } from '../imports/table-reader.ts';
import { templateFile } from '../imports/template.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { ImportRepository } from '../repositories/import.repository.ts';
import { auditActor, requirePermission, type Ctx } from './actor.ts';

/** How many row errors a rejected import returns; all of them are stored. */
export const MAX_RETURNED_ERRORS = 1000;

export interface ImportFile {
  filename: string;
  /** Reads the upload; called only once the actor may import this kind. */
  read(): Promise<Buffer>;
}

export interface ImportResult extends ApplyCounts {
  id: number;
  kind: ImportKind;
  filename: string;
  status: 'applied';
  rowsTotal: number;
  rowsApplied: number;
}

/**
 * Bulk import of master data and cases from CSV or XLSX, all or nothing: every row is read and
 * checked, every problem is reported with its row and column, and only a file without any is
 * written, in one transaction. Each attempt is kept in `imports` with an audit record.
 */
export class ImportService {
  constructor(
    private readonly db: Database,
    private readonly imports: ImportRepository,
    private readonly audit: AuditRepository,
    private readonly importers: Record<ImportKind, Importer>,
  ) {}

  async run(ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<ImportResult> {
    const importer = this.importers[kind];
    requirePermission(ctx, importer.permission);
    const filename = file.filename.slice(0, 300) || 'upload';
    let readers: RowReader[];
    const errors = new RowErrors();
    try {
      formatOf(filename);
      const table = await readTable(filename, await file.read());
      readers = rowReaders(table, mapHeaders(table.headers, importer.columns), errors);
    } catch (e) {
      if (e instanceof AppError) await this.reject(ctx, kind, filename, 0, [{ row: 1, column: e.field ?? 'file', reason: e.details?.[0]?.reason ?? e.message }]);
      throw e;
    }
    const prepared = await importer.prepare(ctx, readers, errors);
    if (errors.count > 0) throw await this.reject(ctx, kind, filename, readers.length, errors.all());
    try {
      return await this.db.transaction().execute(async (trx) => {
        const counts = await prepared.apply(trx);
        const rowsApplied = counts.inserted + counts.updated;
        const id = await this.imports.insert(trx, { kind, filename, status: 'applied', rowsTotal: readers.length, rowsApplied, errors: [], createdBy: userIdOf(ctx) });
        await this.audit.append(trx, { ...auditActor(ctx), action: 'import.apply', targetType: 'import', targetId: id, detail: { kind, filename, rowsTotal: readers.length, ...counts } });
        return { id, kind, filename, status: 'applied' as const, rowsTotal: readers.length, rowsApplied, ...counts };
      });
    } catch (e) {
      // A write that failed on a row rolled everything back; the file is rejected like any other.
      if (e instanceof RowFailure) throw await this.reject(ctx, kind, filename, readers.length, [e.error]);
      throw e;
    }
  }

  /** Records the rejected attempt (and nothing else) and returns the 422 to throw. */
  private async reject(ctx: Ctx, kind: ImportKind, filename: string, rowsTotal: number, errors: ImportRowError[]): Promise<AppError> {
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await this.imports.insert(trx, { kind, filename, status: 'rejected', rowsTotal, rowsApplied: 0, errors, createdBy: userIdOf(ctx) });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'import.reject', targetType: 'import', targetId: id, detail: { kind, filename, rowsTotal, errorCount: errors.length } });
      return id;
    });
    const shown = errors.slice(0, MAX_RETURNED_ERRORS).map((e) => ({ row: e.row, ...(e.column ? { column: e.column } : {}), reason: e.reason }));
    const more = errors.length > shown.length ? ` (the first ${shown.length} are listed; GET /api/imports/${id} has all)` : '';
    return new AppError('IMPORT_FAILED', `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${filename}; nothing was imported (import ${id})${more}`, 'file', shown);
  }

  /** Imports made by the actor; someone without a data scope sees everyone's. */
  list(ctx: Ctx, filter: { kind?: ImportKind; limit: number; offset: number }) {
    requirePermission(ctx, 'masterdata.read');
    const own = ownOnly(ctx);
    return this.imports.list({ ...filter, ...(own !== undefined ? { createdBy: own } : {}) });
  }

  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'masterdata.read');
    const row = await this.imports.find(id);
    if (!row) throw notFound('import', 'id');
    const own = ownOnly(ctx);
    if (own !== undefined && row.created_by !== own) throw outOfScope('import');
    return row;
  }

  async template(ctx: Ctx, kind: ImportKind, format: TableFormat) {
    const importer = this.importers[kind];
    requirePermission(ctx, importer.permission);
    const body = await templateFile(importer.columns, format, kind);
    return {
      filename: `${kind}-template.${format}`,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
      headers: importer.columns.map(headerOf),
    };
  }
}

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** The user id to restrict the history to, or undefined for an unscoped actor who sees all. */
function ownOnly(ctx: Ctx): number | undefined {
  const a = ctx.actor;
  if (a.kind !== 'user') return a.kind === 'system' ? undefined : -1;
  return a.scope.regionCode || a.scope.orgPath ? a.userId : undefined;
}
