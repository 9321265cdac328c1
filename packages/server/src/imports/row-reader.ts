import { normaliseRegionCode, parseInstant } from '@hcp/domain';
import type { RowErrors } from './row-errors.ts';

type Names<T extends string> = Partial<Record<T, { zh: string; en: string }>>;

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '启用', '有效', '在岗']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '停用', '无效', '离岗']);

/**
 * One data row of an import file, read cell by cell into typed values. Each reader records what
 * is wrong with its cell in the shared error list and returns null, so one pass finds every error.
 */
export class RowReader {
  constructor(
    readonly row: number,
    private readonly cells: ReadonlyMap<string, string>,
    private readonly errors: RowErrors,
  ) {}

  /** Whether the file has this column at all (a missing optional column leaves the value unchanged). */
  has(key: string): boolean {
    return this.cells.has(key);
  }

  /** The trimmed cell, '' when empty or absent. */
  raw(key: string): string {
    return (this.cells.get(key) ?? '').trim();
  }

  error(column: string | undefined, reason: string): void {
    this.errors.add(this.row, column, reason);
  }

  /** Whether no problem has been found on this row so far. */
  get ok(): boolean {
    return !this.errors.hasRow(this.row);
  }

  private empty(key: string, required: boolean | undefined): boolean {
    if (this.raw(key) !== '') return false;
    if (required) this.error(key, 'is required');
    return true;
  }

  text(key: string, opts: { required?: boolean; min?: number; max: number; pattern?: RegExp; patternHint?: string }): string | null {
    if (this.empty(key, opts.required)) return null;
    const v = this.raw(key);
    if ([...v].length > opts.max) return this.fail(key, `is longer than ${opts.max} characters`);
    if (opts.min !== undefined && [...v].length < opts.min) return this.fail(key, `is shorter than ${opts.min} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(key, opts.patternHint ?? 'has an invalid format');
    return v;
  }

  int(key: string, opts: { required?: boolean; min: number; max: number }): number | null {
    if (this.empty(key, opts.required)) return null;
    const v = this.raw(key);
    if (!/^-?[0-9]+(\.0+)?$/.test(v)) return this.fail(key, `"${clip(v)}" is not a whole number`);
    const n = Number.parseInt(v, 10);
    if (n < opts.min || n > opts.max) return this.fail(key, `must be between ${opts.min} and ${opts.max}`);
    return n;
  }

  /** An id: a positive whole number. */
  id(key: string, required?: boolean): number | null {
    return this.int(key, { required: !!required, min: 1, max: 2147483647 });
  }

  bool(key: string): boolean | null {
    if (this.empty(key, false)) return null;
    const v = this.raw(key).toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    return this.fail(key, `"${clip(v)}" is not a yes/no value (是/否, true/false, 1/0)`);
  }

  /** One of a fixed set, given by its key or by its Chinese or English name. */
  choice<T extends string>(key: string, values: readonly T[], names: Names<T>, required?: boolean): T | null {
    if (this.empty(key, required)) return null;
    const v = this.raw(key).normalize('NFKC').toLowerCase();
    const found = values.find((k) => k.toLowerCase() === v || names[k]?.zh.normalize('NFKC').toLowerCase() === v || names[k]?.en.toLowerCase() === v);
    if (found) return found;
    return this.fail(key, `"${clip(this.raw(key))}" is not one of: ${values.map((k) => (names[k] ? `${k} (${names[k]!.zh})` : k)).join(', ')}`);
  }

  /** A GB/T 2260 code of 6, 9 or 12 digits, returned padded to 12. */
  regionCode(key: string, required?: boolean): string | null {
    if (this.empty(key, required)) return null;
    const code = normaliseRegionCode(this.raw(key));
    return code ?? this.fail(key, `"${clip(this.raw(key))}" is not a region code of 6, 9 or 12 digits (GB/T 2260)`);
  }

  /**
   * A moment in time: ISO 8601 with an offset, or 'YYYY-MM-DD HH:mm[:ss]' read as Beijing time
   * (a date-and-time cell of a workbook arrives in this form).
   */
  instant(key: string, required?: boolean): Date | null {
    if (this.empty(key, required)) return null;
    return parseInstant(this.raw(key)) ?? this.fail(key, `"${clip(this.raw(key))}" is not a time: write 2026-11-02 09:30 (Beijing time) or ISO 8601 with an offset, e.g. 2026-11-02T09:30:00+08:00`);
  }

  /** A list in one cell, separated by commas, semicolons, 、 or spaces. */
  list(key: string, opts: { max: number; itemMax: number }): string[] {
    const items = this.raw(key).normalize('NFKC').split(/[,;、\s]+/).filter(Boolean);
    if (items.length > opts.max) {
      this.error(key, `lists more than ${opts.max} entries`);
      return [];
    }
    const long = items.find((i) => i.length > opts.itemMax);
    if (long) {
      this.error(key, `"${clip(long)}" is longer than ${opts.itemMax} characters`);
      return [];
    }
    return [...new Set(items)];
  }

  private fail(key: string, reason: string): null {
    this.error(key, reason);
    return null;
  }
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
