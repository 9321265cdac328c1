import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';

/**
 * A multipart/form-data body with one file, built by hand for fastify.inject:
 * `app.inject({ method: 'POST', url, ...multipartFile('a.csv', text) })`.
 */
export function multipartFile(filename: string, content: Buffer | string, options: { field?: string; contentType?: string } = {}) {
  const boundary = `----hcp-test-${randomBytes(8).toString('hex')}`;
  const field = options.field ?? 'file';
  const contentType = options.contentType ?? (filename.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), typeof content === 'string' ? Buffer.from(content, 'utf8') : content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** CSV text from rows of cells, quoting where needed. */
export function csv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * An .xlsx workbook whose first sheet holds these rows; numbers stay numbers, as Excel stores them.
 * A Date is a date-and-time cell showing its UTC fields, as Excel has no zones.
 */
export async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
