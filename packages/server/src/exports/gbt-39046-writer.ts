import { GBT_39046_FIELDS, type Gbt39046Record } from '@hcp/domain';

/** Byte order mark: without it Excel reads UTF-8 CSV as the local code page and garbles Chinese. */
const BOM = '\uFEFF';

// Free text written by evaluators: a cell starting like a formula is neutralised with a leading
// apostrophe, so opening the file in a spreadsheet never runs it (CSV injection).
const FREE_TEXT = new Set<keyof Gbt39046Record>(['评价人', '文字评价']);
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(field: keyof Gbt39046Record, value: string | number): string {
  let s = String(value);
  if (FREE_TEXT.has(field) && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV, UTF-8 with BOM, CRLF, a header row of the standard's Chinese field names. */
export async function* toCsv(records: AsyncIterable<Gbt39046Record>): AsyncGenerator<string> {
  yield `${BOM}${GBT_39046_FIELDS.join(',')}\r\n`;
  for await (const r of records) yield `${GBT_39046_FIELDS.map((f) => csvCell(f, r[f])).join(',')}\r\n`;
}

/** A JSON array of objects keyed by the standard's field names, written one record at a time. */
export async function* toJsonArray(records: AsyncIterable<Gbt39046Record>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const r of records) {
    const ordered = Object.fromEntries(GBT_39046_FIELDS.map((f) => [f, r[f]]));
    yield `${first ? '' : ','}\n${JSON.stringify(ordered)}`;
    first = false;
  }
  yield first ? ']' : '\n]';
}
