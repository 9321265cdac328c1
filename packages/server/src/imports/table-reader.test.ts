import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { readTable } from './table-reader.ts';

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
};

describe('reading CSV and XLSX files', () => {
  it('numbers CSV rows as a spreadsheet shows them, skipping blank lines but not their numbers', async () => {
    const text = '\uFEFFcode,name\r\n640181,灵武市\r\n\r\n640104,"兴庆区, 银川"\r\n,\r\n640105,"多\n行"\r\n';
    const t = await readTable('regions.csv', Buffer.from(text));
    expect(t.headers).toEqual(['code', 'name']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['640181', '灵武市'] },
      { row: 4, cells: ['640104', '兴庆区, 银川'] },
      { row: 6, cells: ['640105', '多\n行'] },
    ]);
  });

  it('reads the first worksheet of a workbook with the row numbers Excel shows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    ws.addRow(['code', 'name']);
    ws.addRow([640181, { richText: [{ text: '灵' }, { text: '武市' }] }]);
    ws.addRow([]);
    ws.addRow(['640104', { formula: '"兴庆"&"区"', result: '兴庆区' }]);
    ws.addRow([640105, new Date(Date.UTC(2026, 10, 2, 9, 30, 0, 999))]);
    wb.addWorksheet('ignored').addRow(['x']);
    const t = await readTable('regions.XLSX', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(t.rows).toEqual([
      { row: 2, cells: ['640181', '灵武市'] },
      { row: 4, cells: ['640104', '兴庆区'] },
      // A date-and-time cell reads as the wall-clock time Excel shows, without a zone.
      { row: 5, cells: ['640105', '2026-11-02 09:30:01'] },
    ]);
  });

  it('turns every unreadable file into a 4xx naming the file', async () => {
    expect(await failure(readTable('a.csv', Buffer.alloc(0)))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(await failure(readTable('a.txt', Buffer.from('x')))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' });
    expect(await failure(readTable('a.xls', Buffer.from('x')))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' });
    expect(await failure(readTable('a.xlsx', Buffer.from('code,name\n1,2\n')))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' });
    expect(await failure(readTable('a.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)])))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    const gbk = Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xc1, 0xe9, 0xce, 0xe4, 0x0a]); // "code\n灵武" in GBK
    expect((await failure(readTable('a.csv', gbk))).message).toContain('UTF-8');
    expect((await failure(readTable('a.csv', Buffer.from('code,name\r\n')))).message).toContain('no data rows');
    expect((await failure(readTable('a.csv', Buffer.from('code,name\n"unclosed,1\n')))).field).toBe('file');
  });
});
