import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINGWU, masterDataCounts, seedMasterData, type MasterData } from '../../../test/master-data-fixtures.ts';
import { csv, multipartFile, xlsx } from '../../../test/multipart.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

type RowError = { row: number; column?: string; reason: string };

describe('imports: files, regions and organisations', () => {
  let ta: TestApp;
  let m: MasterData;
  let admin: { cookie: string; userId: number };
  let county: { cookie: string; userId: number };
  let clerk: { cookie: string };
  const send = async (cookie: string, kind: string, filename: string, content: Buffer | string, options?: { field?: string }) => {
    const body = multipartFile(filename, content, options);
    return ta.app.inject({ method: 'POST', url: `/api/imports/${kind}`, payload: body.payload, headers: { cookie, ...body.headers } });
  };
  const orgId = async (regionCode: string, kind: 'hall' | 'window' | 'unit' | 'center' | 'station', code: string) => (await ta.c.repos.orgs.findByCode(regionCode, kind, code))!;

  beforeAll(async () => {
    ta = await createTestApp();
    m = await seedMasterData(ta);
    admin = await loginAs(ta, 'root', 'sysadmin');
    county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU });
    clerk = await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: LINGWU });
  });
  afterAll(() => ta.close());

  it('serves templates whose headers read back as the columns', async () => {
    const c = await ta.app.inject({ method: 'GET', url: '/api/imports/service-items/template?format=csv', headers: { cookie: county.cookie } });
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toContain('text/csv');
    expect(c.body.replace(/^\uFEFF/, '').split(',')[0]).toBe('事项编码(item_code)');
    const x = await ta.app.inject({ method: 'GET', url: '/api/imports/staff/template?format=xlsx', headers: { cookie: county.cookie } });
    expect(x.headers['content-disposition']).toContain('staff-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets[0]!.getRow(1).getCell(4).value).toBe('工号(employee_no)');
    expect((await ta.app.inject({ method: 'GET', url: '/api/imports/staff/template?format=ods', headers: { cookie: county.cookie } })).json().error.field).toBe('format');
    expect((await ta.app.inject({ method: 'GET', url: '/api/imports/regions/template', headers: { cookie: clerk.cookie } })).statusCode).toBe(403);
    // An empty template, filled with nothing, is an empty file: refused, not a 500.
    const empty = await send(county.cookie, 'service-items', 'empty.csv', c.rawPayload);
    expect(empty.statusCode).toBe(400);
  });

  it('imports regions from CSV, a county row before its city, and updates on re-import', async () => {
    const file = csv([['区划代码(code)', '区划名称(name)', '上级区划代码(parent_code)'], ['640202', '大武口区', '640200'], ['640200', '石嘴山市', '640000'], ['640205', '惠农区', '640200']]);
    const res = await send(admin.cookie, 'regions', '石嘴山.csv', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'regions', status: 'applied', rowsTotal: 3, inserted: 3, updated: 0, unchanged: 0 });
    const again = await send(admin.cookie, 'regions', '石嘴山.csv', file.replace('惠农区', '惠农区（改）'));
    expect(again.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 2, rowsApplied: 1 });
    const r = await ta.app.inject({ method: 'GET', url: '/api/regions/640205', headers: { cookie: clerk.cookie } });
    expect(r.json()).toMatchObject({ name: '惠农区（改）', parentCode: '640200000000' });
  });

  it('imports regions from XLSX with Chinese-only headers and numeric cells', async () => {
    const file = await xlsx([['区划代码', '区划名称', '上级区划代码'], [640300, '吴忠市', 640000], [640302, '利通区', 640300]]);
    const res = await send(admin.cookie, 'regions', 'wuzhong.xlsx', file);
    expect(res.json()).toMatchObject({ status: 'applied', inserted: 2 });
  });

  it('rejects a region file with broken rows and writes nothing', async () => {
    const file = csv([
      ['code', 'name', 'parent_code'],
      ['640400', '固原市', '640000'],
      ['6404', '坏代码', '640000'],
      ['640402', '', '640400'],
      ['640402', '原州区', '640400'],
      ['640403', '西吉县', '640500'],
      ['640404', '隆德县', '110000'],
      ['640405', '泾源县', ''],
      ['640402', '原州区重复', '640400'],
    ]);
    const before = await masterDataCounts(ta);
    const res = await send(admin.cookie, 'regions', 'guyuan.csv', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: RowError) => `${d.row}:${d.column}`)).toEqual(['3:code', '4:name', '6:parent_code', '7:parent_code', '8:parent_code', '9:code']);
    expect(await masterDataCounts(ta)).toEqual(before);
    expect((await send(county.cookie, 'regions', 'guyuan.csv', file)).statusCode).toBe(403);
  });

  it('imports a hall with its windows from CSV, windows listed before their hall, and re-imports without duplicates', async () => {
    const file = csv([
      ['region_code', 'kind', 'code', 'name', 'parent_kind', 'parent_code', 'active'],
      ['640181', 'window', 'B01', 'B01 社保窗口', 'hall', 'LW-B', ''],
      ['640181', '窗口', 'B02', 'B02 医保窗口', '大厅', 'LW-B', '否'],
      ['640181', 'hall', 'LW-B', '灵武市政务服务中心B厅', '', '', ''],
      ['640181', 'unit', 'LW-YBJ', '灵武市医疗保障局', '', '', ''],
      ['640181', 'window', 'A03', 'A03 新窗口', 'hall', 'LW-A', ''],
    ]);
    const before = await masterDataCounts(ta);
    const res = await send(county.cookie, 'organisations', 'halls.csv', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 5, updated: 0 });
    const hall = await orgId(LINGWU, 'hall', 'LW-B');
    const b02 = await orgId(LINGWU, 'window', 'B02');
    expect(b02).toMatchObject({ parent_id: hall.id, active: false, path: `${hall.path}${b02.id}/` });
    expect((await orgId(LINGWU, 'window', 'A03')).parent_id).toBe(m.lwHall.id);
    expect((await masterDataCounts(ta)).organisations).toBe(before.organisations + 5);

    const renamed = await send(county.cookie, 'organisations', 'halls.csv', file.replace('B01 社保窗口', 'B01 社保综合窗口'));
    expect(renamed.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 4 });
    expect((await masterDataCounts(ta)).organisations).toBe(before.organisations + 5);
    expect((await orgId(LINGWU, 'window', 'B01')).name).toBe('B01 社保综合窗口');
  });

  it('imports organisations from XLSX with a parent given by id', async () => {
    const file = await xlsx([['行政区划代码(region_code)', '机构类型(kind)', '机构编码(code)', '机构名称(name)', '上级机构ID(parent_id)'], ['640181', 'window', 'A09', 'A09 窗口', m.lwHall.id]]);
    const res = await send(county.cookie, 'organisations', 'a09.xlsx', file);
    expect(res.json()).toMatchObject({ status: 'applied', inserted: 1 });
    expect((await orgId(LINGWU, 'window', 'A09')).parent_id).toBe(m.lwHall.id);
  });

  it('rejects a file with broken rows, reports every error by row and column, and writes nothing', async () => {
    const file = csv([
      ['region_code', 'kind', 'code', 'name', 'parent_kind', 'parent_code'],
      ['640181', 'hall', 'LW-C', '灵武市C厅', '', ''],
      ['64018', 'window', 'C01', 'C01', 'hall', 'LW-C'],
      ['640181', 'booth', 'C02', 'C02', 'hall', 'LW-C'],
      ['640181', 'window', 'C03', '', 'hall', 'LW-C'],
      ['640181', 'window', 'C04', 'C04', 'hall', 'LW-NONE'],
      ['640181', 'hall', 'LW-C', '重复的C厅', '', ''],
      ['640181', 'window', 'C05', 'C05', '', ''],
      ['640104', 'unit', 'XQ-NEW', '兴庆区新单位', '', ''],
      ['640181', 'unit', 'U1', '环一', 'unit', 'U2'],
      ['640181', 'unit', 'U2', '环二', 'unit', 'U1'],
      ['640181', 'window', 'C06', 'C06', 'unit', 'LW-GAJ'],
      ['640181', 'window', 'C07', 'x'.repeat(201), 'hall', 'LW-C', 'extra'],
    ]);
    const before = await masterDataCounts(ta);
    const audits = (await ta.c.repos.audit.list({ limit: 1000 })).length;
    const res = await send(county.cookie, 'organisations', 'broken.csv', file);
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('IMPORT_FAILED');
    const got = err.details.map((d: RowError) => `${d.row}:${d.column}`);
    expect(got).toEqual(['3:region_code', '4:kind', '5:name', '6:parent_code', '7:code', '8:kind', '9:region_code', '10:parent_code', '11:parent_code', '12:parent_code', '13:column 7', '13:name']);
    expect(err.details.find((d: RowError) => d.row === 9).reason).toBe('outside your data scope');
    expect(err.details.find((d: RowError) => d.row === 7).reason).toBe('duplicates row 2');
    expect(await masterDataCounts(ta)).toEqual(before);
    expect((await ta.c.repos.audit.list({ limit: 1000 })).length).toBe(audits + 1);

    const id = Number(/import (\d+)/.exec(err.message)![1]);
    const report = await ta.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: county.cookie } });
    expect(report.json()).toMatchObject({ status: 'rejected', rowsTotal: 12, rowsApplied: 0, filename: 'broken.csv' });
    expect(report.json().errors).toHaveLength(12);
  });

  it('turns every bad file into a clear 4xx, never a 500', async () => {
    const header = 'region_code,kind,code,name\r\n';
    const cases: [string, string, Buffer | string, number, string][] = [
      ['organisations', 'empty.csv', '', 400, 'file'],
      ['organisations', 'header-only.csv', header, 400, 'file'],
      ['organisations', 'notes.txt', header + '640181,unit,X,Y\r\n', 415, 'file'],
      ['organisations', 'fake.xlsx', header + '640181,unit,X,Y\r\n', 415, 'file'],
      ['organisations', 'zip.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]), 400, 'file'],
      ['organisations', 'gbk.csv', Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xc1, 0xe9, 0xce, 0xe4, 0x0a]), 400, 'file'],
      ['organisations', 'no-name.csv', 'region_code,kind,code\r\n640181,unit,X\r\n', 400, 'name'],
      ['organisations', 'odd.csv', 'region_code,kind,code,name,colour\r\n640181,unit,X,Y,red\r\n', 400, 'colour'],
      ['ratings', 'x.csv', header, 400, 'kind'],
    ];
    for (const [kind, filename, content, status, field] of cases) {
      const res = await send(county.cookie, kind, filename, content);
      expect({ filename, status: res.statusCode, field: res.json().error.field }).toEqual({ filename, status, field });
    }
    expect((await send(county.cookie, 'organisations', 'gbk.csv', Buffer.from([0x63, 0x0a, 0xc1, 0xe9, 0x0a]))).json().error.message).toContain('UTF-8');
    const wrongField = await send(county.cookie, 'organisations', 'a.csv', header + '640181,unit,X,Y\r\n', { field: 'upload' });
    expect({ status: wrongField.statusCode, field: wrongField.json().error.field }).toEqual({ status: 400, field: 'file' });
    const json = await ta.app.inject({ method: 'POST', url: '/api/imports/organisations', headers: { cookie: county.cookie }, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    expect((await send(clerk.cookie, 'organisations', 'a.csv', header + '640181,unit,X,Y\r\n')).statusCode).toBe(403);
  });

  it('keeps a history, newest first, each user seeing their own', async () => {
    const mine = await ta.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: county.cookie } });
    const items = mine.json().items as { id: number; createdBy: number; status: string; errorCount: number }[];
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((i) => i.createdBy === county.userId)).toBe(true);
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => b - a));
    expect(items.some((i) => i.status === 'rejected' && i.errorCount === 12)).toBe(true);
    const all = await ta.app.inject({ method: 'GET', url: '/api/imports?kind=regions', headers: { cookie: admin.cookie } });
    expect(all.json().items.length).toBeGreaterThan(0);
    const adminImport = all.json().items[0].id;
    expect((await ta.app.inject({ method: 'GET', url: `/api/imports/${adminImport}`, headers: { cookie: county.cookie } })).statusCode).toBe(403);
    const audit = await ta.c.repos.audit.list({ limit: 50, targetType: 'import' });
    expect(audit.map((a) => a.action)).toContain('import.apply');
    expect(audit.map((a) => a.action)).toContain('import.reject');
  });
});
