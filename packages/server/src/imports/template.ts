import ExcelJS from 'exceljs';
import { headerOf, type ColumnSpec } from './columns.ts';
import type { TableFormat } from './table-reader.ts';

/** A file with just the header row, for users to fill in. */
export async function templateFile(columns: readonly ColumnSpec[], format: TableFormat, sheetName: string): Promise<Buffer> {
  const headers = columns.map(headerOf);
  if (format === 'csv') {
    // The BOM makes Excel open the file as UTF-8 instead of the system code page.
    return Buffer.from(`\uFEFF${headers.map(csvCell).join(',')}\r\n`, 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = Math.max(14, [...(headers[i] ?? '')].length * 1.6);
    // Text format keeps leading zeros in codes and employee numbers.
    col.numFmt = '@';
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
