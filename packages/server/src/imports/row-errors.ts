import type { ImportRowError } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** Every problem found in a file, each at its row and column, so the user can fix them all at once. */
export class RowErrors {
  private readonly list: ImportRowError[] = [];
  private readonly rows = new Set<number>();

  add(row: number, column: string | undefined, reason: string): void {
    this.list.push({ row, ...(column ? { column } : {}), reason });
    this.rows.add(row);
  }

  hasRow(row: number): boolean {
    return this.rows.has(row);
  }

  get count(): number {
    return this.list.length;
  }

  /** In row order, then in the order found. */
  all(): ImportRowError[] {
    return this.list.map((e, i) => ({ e, i })).sort((a, b) => a.e.row - b.e.row || a.i - b.i).map(({ e }) => e);
  }
}

/**
 * A row that failed while being applied (a check that only the write itself could make, or a
 * concurrent change). It rolls the transaction back and rejects the whole file.
 */
export class RowFailure extends Error {
  constructor(readonly error: ImportRowError) {
    super(`row ${error.row}: ${error.reason}`);
    this.name = 'RowFailure';
  }
}

/** Runs one row's write, turning a service's AppError into a RowFailure at that row. */
export async function atRow<T>(row: number, column: (field: string | undefined) => string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) {
      const col = column(e.field);
      throw new RowFailure({ row, ...(col ? { column: col } : {}), reason: reasonOf(e) });
    }
    throw e;
  }
}

/** The reason an AppError gives, without the "field: " prefix its message starts with. */
export function reasonOf(e: AppError): string {
  const d = e.details?.[0];
  if (d) return d.reason;
  const prefix = e.field ? `${e.field}: ` : '';
  return prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}
