import path from 'node:path';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError, invalid } from '../errors.ts';

/** A spreadsheet as text: the header cells and every data row with the number the user sees. */
export interface Table {
  headers: string[];
  /** `row` is 1-based as in the spreadsheet (the header is row 1); blank rows are left out. */
  rows: { row: number; cells: string[] }[];
}

export type TableFormat = 'csv' | 'xlsx';

/** Enough for a province's villages; larger files are split by the user. */
export const MAX_ROWS = 50_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const unsupported = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message, 'file');

/** The format a file name promises, or a 415 for anything but .csv and .xlsx. */
export function formatOf(filename: string): TableFormat {
  const ext = path.extname(filename).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls') throw unsupported('the old Excel .xls format is not supported; save the workbook as .xlsx');
  throw unsupported(`expected a .csv or .xlsx file, got "${ext || 'no extension'}"`);
}

/** Reads a CSV (UTF-8) or XLSX (first worksheet) file; every problem with the file as a whole is a 4xx. */
export async function readTable(filename: string, data: Buffer): Promise<Table> {
  const format = formatOf(filename);
  if (data.length === 0) throw invalid('file', 'the file is empty');
  const isZip = data.subarray(0, 4).equals(ZIP_MAGIC);
  const table = format === 'csv' ? readCsv(data, isZip) : await readXlsx(data, isZip);
  if (table.headers.every((h) => !h.trim())) throw invalid('file', 'the first row must be the header row, and it is empty');
  if (table.rows.length === 0) throw invalid('file', 'the file has a header row but no data rows');
  if (table.rows.length > MAX_ROWS) throw invalid('file', `the file has ${table.rows.length} data rows; at most ${MAX_ROWS} per file, split it`);
  return table;
}

const blank = (cells: string[]) => cells.every((c) => !c.trim());

function readCsv(data: Buffer, isZip: boolean): Table {
  if (isZip) throw unsupported('this .csv file is a zip archive (an .xlsx workbook renamed?); upload it as .xlsx');
  if (data.includes(0)) throw unsupported('this .csv file contains binary data, not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw invalid('file', 'the file is not valid UTF-8 text; GBK/GB18030 files are not supported: save it as "CSV UTF-8"');
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: false });
  } catch (e) {
    if (e instanceof CsvError) throw invalid('file', `the CSV cannot be read near line ${(e as CsvError & { lines?: number }).lines ?? '?'}: ${e.message}`);
    throw e;
  }
  const [headers = [], ...data_] = records;
  return {
    headers,
    rows: data_.map((cells, i) => ({ row: i + 2, cells })).filter((r) => !blank(r.cells)),
  };
}

async function readXlsx(data: Buffer, isZip: boolean): Promise<Table> {
  if (!isZip) throw unsupported('this file is not an .xlsx workbook (is it a CSV renamed?)');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw invalid('file', 'the .xlsx workbook cannot be read; it may be damaged or password-protected');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw invalid('file', 'the workbook has no worksheet');
  const width = Math.max(sheet.columnCount, 0);
  const cellsOf = (r: ExcelJS.Row) => Array.from({ length: Math.max(width, r.cellCount) }, (_, i) => cellText(r.getCell(i + 1).value));
  const headers = cellsOf(sheet.getRow(1));
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells = cellsOf(r);
    if (!blank(cells)) rows.push({ row: n, cells });
  });
  return { headers, rows };
}

/** The text of a cell as the user sees it, whatever Excel stored: number, rich text, formula result, link. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return wallClock(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return '';
}

/**
 * A workbook's date-and-time cell as 'YYYY-MM-DD HH:mm:ss'. Excel stores the time shown on the
 * wall, with no zone, and ExcelJS hands it over as that time in UTC; the reader of the column
 * decides the zone. Rounded to the second, as a serial day fraction is rarely an exact millisecond.
 */
function wallClock(d: Date): string {
  const iso = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
