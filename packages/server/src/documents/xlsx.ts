import ExcelJS from 'exceljs';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_CONTENT_TYPE = 'application/pdf';

export interface SheetColumn {
  header: string;
  width?: number;
  /** Excel number format, e.g. '0.00' or '0.0%'. */
  numFmt?: string;
}

export type Cell = string | number | null;

/**
 * Workbooks of reports: one sheet per table, a bold frozen header, numbers stored as numbers (so a
 * reader can sort and sum them) with a display format. Text is stored as text, never as a formula.
 */
export class XlsxWriter {
  private readonly wb = new ExcelJS.Workbook();

  constructor(meta: { title: string; createdAt?: Date }) {
    this.wb.creator = 'Haochaping';
    this.wb.title = meta.title;
    this.wb.created = meta.createdAt ?? new Date();
  }

  /** A sheet of label–value pairs under a title: the overview of a report. */
  keyValueSheet(name: string, title: string, pairs: [string, Cell][]): this {
    const ws = this.wb.addWorksheet(name);
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.addRow([]);
    for (const [k, v] of pairs) ws.addRow([k, v]);
    ws.getColumn(1).width = 28;
    ws.getColumn(2).width = 40;
    return this;
  }

  sheet(name: string, columns: SheetColumn[], rows: Cell[][]): this {
    const ws = this.wb.addWorksheet(name);
    ws.addRow(columns.map((c) => c.header)).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.max(10, [...c.header].length * 2 + 2);
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return this;
  }

  async finish(): Promise<Buffer> {
    return Buffer.from(await this.wb.xlsx.writeBuffer());
  }
}
