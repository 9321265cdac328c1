import type { Database } from '../db/database.ts';
import type { ImportRowError } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

export interface ImportRecord {
  kind: string;
  filename: string;
  status: 'applied' | 'rejected';
  rowsTotal: number;
  rowsApplied: number;
  errors: ImportRowError[];
  createdBy: number | null;
}

/** The history of master-data imports (导入记录), one row per attempt. */
export class ImportRepository {
  constructor(private readonly db: Database) {}

  async insert(db: Executor, r: ImportRecord): Promise<number> {
    const { id } = await db
      .insertInto('imports')
      .values({ kind: r.kind, filename: r.filename, status: r.status, rows_total: r.rowsTotal, rows_applied: r.rowsApplied, errors: JSON.stringify(r.errors), created_by: r.createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  find(id: number) {
    return this.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first, without the error reports; `createdBy` limits the list to one user's imports. */
  list(filter: { createdBy?: number; kind?: string; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('imports')
      .select(['id', 'kind', 'filename', 'status', 'rows_total', 'rows_applied', 'created_by', 'created_at', (eb) => eb.fn<number>('jsonb_array_length', [eb.ref('errors')]).as('error_count')])
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.createdBy !== undefined) q = q.where('created_by', '=', filter.createdBy);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    return q.execute();
  }
}
