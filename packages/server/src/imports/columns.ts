import { AppError, invalid } from '../errors.ts';

/** One column of an import file: its English key, its Chinese label and whether it must be there. */
export interface ColumnSpec {
  key: string;
  label: string;
  /** The column must be in the header (its cells may still be optional row by row). */
  required?: boolean;
  /** Columns of one group are alternatives: at least one of them must be in the header. */
  oneOf?: string;
}

/** The header users see in templates: "事项编码(item_code)". */
export const headerOf = (c: ColumnSpec) => `${c.label}(${c.key})`;

/** Full-width brackets and letters become ASCII (NFKC), spaces go, English keys compare in lower case. */
function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function match(header: string, columns: readonly ColumnSpec[]): ColumnSpec | undefined {
  const h = normalise(header);
  const byName = (s: string) => columns.find((c) => normalise(c.key) === s || normalise(c.label) === s);
  const combined = /^(.*)\(([^()]*)\)$/.exec(h);
  if (combined) {
    // The key in brackets decides; the label before it is for people.
    const found = byName(combined[2]!);
    if (found) return found;
  }
  return byName(h);
}

/** Where each known column sits in the file; blank header cells map to nothing. */
export interface HeaderMap {
  /** key → index of the column in the file */
  index: Map<string, number>;
  /** indexes of columns without a header, whose cells must stay empty */
  unnamed: number[];
}

/**
 * Maps a header row to column keys. Accepts the Chinese label, the English key or both as
 * "label(key)". An unknown, repeated or missing required column is an error with `field` naming it.
 */
export function mapHeaders(headers: string[], columns: readonly ColumnSpec[]): HeaderMap {
  const index = new Map<string, number>();
  const unnamed: number[] = [];
  headers.forEach((raw, i) => {
    if (!raw.trim()) {
      unnamed.push(i);
      return;
    }
    const col = match(raw, columns);
    if (!col) {
      throw new AppError('VALIDATION_FAILED', `unknown column "${raw.trim()}"; the columns are: ${columns.map(headerOf).join(', ')}`, raw.trim().slice(0, 100), [{ field: raw.trim().slice(0, 100), row: 1, reason: 'is not a known column' }]);
    }
    if (index.has(col.key)) throw invalid(col.key, `the column ${headerOf(col)} appears twice in the header`);
    index.set(col.key, i);
  });
  for (const c of columns) {
    if (c.required && !index.has(c.key)) throw invalid(c.key, `the required column ${headerOf(c)} is missing from the header row`);
  }
  const groups = new Set(columns.map((c) => c.oneOf).filter((g): g is string => !!g));
  for (const g of groups) {
    const members = columns.filter((c) => c.oneOf === g);
    if (!members.some((c) => index.has(c.key))) throw invalid(members[0]!.key, `one of the columns ${members.map(headerOf).join(' or ')} is required`);
  }
  return { index, unnamed };
}
