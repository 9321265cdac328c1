import type { Permission } from '@hcp/domain';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Ctx } from '../services/actor.ts';
import type { ColumnSpec, HeaderMap } from './columns.ts';
import type { RowErrors } from './row-errors.ts';
import { RowReader } from './row-reader.ts';
import type { Table } from './table-reader.ts';

export const IMPORT_KINDS = ['regions', 'organisations', 'platforms', 'staff', 'service-items', 'cases', 'campaign-inputs'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A file that passed every check, ready to be written in the caller's transaction. */
export interface PreparedImport {
  apply(trx: Transaction<DB>): Promise<ApplyCounts>;
}

/**
 * One kind of records that can be imported: master data, or cases from approval systems without an API. `prepare` reads every row, checks it against the
 * rest of the file and the database (reading only), and records every problem in `errors`; the
 * import service applies the result only when there are none.
 */
export interface Importer {
  readonly kind: ImportKind;
  readonly permission: Permission;
  readonly columns: readonly ColumnSpec[];
  prepare(ctx: Ctx, rows: RowReader[], errors: RowErrors): Promise<PreparedImport>;
}

/** The rows of a table as readers keyed by column, reporting data under a header-less column. */
export function rowReaders(table: Table, header: HeaderMap, errors: RowErrors): RowReader[] {
  return table.rows.map(({ row, cells }) => {
    const byKey = new Map<string, string>();
    for (const [key, i] of header.index) byKey.set(key, cells[i] ?? '');
    for (const i of header.unnamed) if ((cells[i] ?? '').trim()) errors.add(row, `column ${i + 1}`, 'has a value but the column has no header');
    for (let i = table.headers.length; i < cells.length; i++) if ((cells[i] ?? '').trim()) errors.add(row, `column ${i + 1}`, 'has a value beyond the last header column');
    return new RowReader(row, byKey, errors);
  });
}

/**
 * Reads each row with `read`. `ok` holds the rows without errors; `all` every row as far as it
 * could be read (failed cells are null), to tell "missing" from "in the file but broken".
 */
export function readRows<T>(rows: RowReader[], read: (r: RowReader) => T): { ok: (T & { row: number })[]; all: (T & { row: number })[] } {
  const all = rows.map((r) => ({ ...read(r), row: r.row, fine: r.ok }));
  const strip = ({ fine: _f, ...v }: T & { row: number; fine: boolean }) => v as T & { row: number };
  return { ok: all.filter((r) => r.fine).map(strip), all: all.map(strip) };
}

/** Marks every row after the first with the same key as a duplicate; returns the first row per key. */
export function firstByKey<T extends { row: number }>(rows: T[], keyOf: (r: T) => string, column: string, errors: RowErrors): Map<string, T> {
  const first = new Map<string, T>();
  for (const r of rows) {
    const k = keyOf(r);
    const seen = first.get(k);
    if (seen) errors.add(r.row, column, `duplicates row ${seen.row}`);
    else first.set(k, r);
  }
  return first;
}

/** Runs a lookup over many keys in slices, so no statement carries too many parameters. */
export async function inChunks<K, V>(keys: K[], lookup: (slice: K[]) => Promise<V[]>, size = 5000): Promise<V[]> {
  const out: V[] = [];
  for (let i = 0; i < keys.length; i += size) out.push(...(await lookup(keys.slice(i, i + size))));
  return out;
}
