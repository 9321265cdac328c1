import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, LINGWU, pushCase, seedCaseWorld, type CaseWorld } from '../../../test/case-fixtures.ts';
import { countRows } from '../../../test/master-data-fixtures.ts';
import { csv, multipartFile, xlsx } from '../../../test/multipart.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

type RowError = { row: number; column?: string; reason: string };

describe('imports: cases from approval systems without an API', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let county: { cookie: string };
  let clerk: { cookie: string };
  const send = async (cookie: string, filename: string, content: Buffer | string) => {
    const body = multipartFile(filename, content);
    return ta.app.inject({ method: 'POST', url: '/api/imports/cases', payload: body.payload, headers: { cookie, ...body.headers } });
  };
  const cells = (res: { json(): { error: { details: RowError[] } } }) => res.json().error.details.map((d) => `${d.row}:${d.column}`);
  const caseRow = (caseNo: string) => ta.t.db.selectFrom('cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();
  const stagesOf = async (caseNo: string) => {
    const c = (await caseRow(caseNo))!;
    const rows = await ta.t.db.selectFrom('case_stages').select(['stage', 'occurred_at']).where('case_id', '=', c.id).orderBy('occurred_at').execute();
    return rows.map((s) => `${s.stage}@${s.occurred_at.toISOString()}`);
  };
  const counts = async () => ({ cases: await countRows(ta, 'cases'), stages: await countRows(ta, 'case_stages') });

  const header = [
    '办件编号(case_no)', '事项编码(item_code)', '办理单位编码(unit_code)', 'unit_region_code', '窗口编号(window_code)', 'staff_employee_no',
    '办理渠道(channel)', 'case_type', '申请人类型(applicant_type)', 'applicant_name', '证件号码(applicant_id_number)', '联系电话(applicant_phone)',
    '接件时间(received_at)', 'accepted_at', '办结时间(completed_at)', 'delivered_at', '不予受理时间(refused_at)',
  ];
  const good = csv([
    header,
    ['LW-IMP-0001', 'LW-ITEM-1', 'LW-MZJ', '', 'A01', 'E001', '线下', '承诺件', '自然人', '张三丰', '640181199003071234', '13812341234', '2026-11-02 09:00', '2026-11-02 09:30', '', '', ''],
    ['LW-IMP-0002', 'LW-ITEM-2', 'LW-GAJ', '640181', '', '', 'online', '1', '2', '灵武市羊绒制品有限公司', '91640181MA76XXXX1K', '', '2026-11-03T08:00:00+08:00', '2026-11-03T08:10:00+08:00', '2026-11-03 10:00:00', '2026-11-03 11:00', ''],
    ['LW-IMP-0003', 'LW-ITEM-1', 'LW-MZJ', '', '', '', 'offline', '', '1', '李四', '', '+86 139-0000-1111', '2026-11-04 09:00', '', '', '', '2026-11-04 09:20'],
  ]);

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU });
    clerk = await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: LINGWU });
  });
  afterAll(() => ta.close());

  it('serves a template with one column per field and per stage time', async () => {
    const c = await ta.app.inject({ method: 'GET', url: '/api/imports/cases/template?format=csv', headers: { cookie: county.cookie } });
    expect(c.statusCode).toBe(200);
    const headers = c.body.replace(/^\uFEFF/, '').trim().split(',');
    expect(headers.slice(0, 3)).toEqual(['办件编号(case_no)', '事项编码(item_code)', '办理单位编码(unit_code)']);
    expect(headers).toContain('不予受理时间(refused_at)');
    const x = await ta.app.inject({ method: 'GET', url: '/api/imports/cases/template?format=xlsx', headers: { cookie: county.cookie } });
    expect(x.headers['content-disposition']).toContain('cases-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets[0]!.getRow(1).getCell(13).value).toBe('接件时间(received_at)');
    expect((await ta.app.inject({ method: 'GET', url: '/api/imports/cases/template', headers: { cookie: clerk.cookie } })).statusCode).toBe(403);
  });

  it('imports cases from CSV as pushed cases are stored: current item version, stages, deadline, window and staff', async () => {
    const res = await send(county.cookie, 'cases.csv', good);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'cases', status: 'applied', rowsTotal: 3, rowsApplied: 3, inserted: 3, updated: 0, unchanged: 0 });

    const one = (await caseRow('LW-IMP-0001'))!;
    expect(one).toMatchObject({ item_id: w.lwItemVersionId, unit_id: w.mz.id, window_id: w.window.id, staff_id: w.staffId, channel: 'offline', case_type: 2, stage: 'accepted', integration_id: null });
    // Wall-clock times are Beijing time; accepted Mon 2 Nov + 5 working days ends at midnight on the 9th.
    expect(one.accepted_at!.toISOString()).toBe('2026-11-02T01:30:00.000Z');
    expect(one.promised_deadline!.toISOString()).toBe('2026-11-09T16:00:00.000Z');
    expect(await stagesOf('LW-IMP-0001')).toEqual(['received@2026-11-02T01:00:00.000Z', 'accepted@2026-11-02T01:30:00.000Z']);
    expect(await caseRow('LW-IMP-0002')).toMatchObject({ unit_id: w.ga.id, channel: 'online', case_type: 1, applicant_type: 2, stage: 'delivered', applicant_phone_enc: null });
    expect(await stagesOf('LW-IMP-0002')).toHaveLength(4);
    expect(await caseRow('LW-IMP-0003')).toMatchObject({ stage: 'refused', case_type: 2, window_id: null });

    const read = await ta.app.inject({ method: 'GET', url: `/api/cases/${one.id}`, headers: { cookie: county.cookie } });
    expect(read.json().applicant).toEqual({ type: 1, name: '张**', idNumber: '6401**********1234', phone: '138****1234' });
    const [audit] = await ta.c.repos.audit.list({ limit: 1, action: 'case.import' });
    expect(audit).toMatchObject({ actorType: 'user', detail: { count: 3, created: ['LW-IMP-0001', 'LW-IMP-0002', 'LW-IMP-0003'], updated: [] } });
  });

  it('stores personal data only encrypted, with blind indexes and masked forms', async () => {
    const rows = await ta.t.db.selectFrom('cases').selectAll().where('case_no', 'like', 'LW-IMP-%').execute();
    const raw = JSON.stringify(rows);
    for (const plain of ['13812341234', '张三丰', '640181199003071234', '李四', '139-0000-1111', '13900001111']) expect(raw).not.toContain(plain);
    const one = rows.find((r) => r.case_no === 'LW-IMP-0001')!;
    expect(one.applicant_phone_enc).toMatch(/^a1\./);
    expect(one.applicant_phone_bidx).toBe(ta.c.cipher.blindIndex('phone', '13812341234'));
    expect(ta.c.cipher.decrypt(one.applicant_phone_enc!)).toBe('13812341234');
    const audit = await ta.t.db.selectFrom('audit_log').select('detail').where('action', 'in', ['case.import', 'import.apply']).execute();
    expect(JSON.stringify(audit)).not.toContain('13812341234');
  });

  it('re-importing the same file creates nothing and adds no stages', async () => {
    const before = await counts();
    const again = await send(county.cookie, 'cases.csv', good);
    expect(again.json()).toMatchObject({ status: 'applied', inserted: 0, updated: 0, unchanged: 3, rowsApplied: 0 });
    expect(await counts()).toEqual(before);
  });

  it('imports XLSX with Chinese headers, numeric codes and date-time cells, updating a known case', async () => {
    const before = await counts();
    const file = await xlsx([
      ['办件编号', '事项编码', '办理单位编码', '办理渠道', '办件类型', '申请人类型', '申请人姓名', '联系电话', '接件时间', '受理时间', '办结时间'],
      ['LW-IMP-0001', 'LW-ITEM-1', 'LW-MZJ', '线下', 2, 1, '张三丰', 13812341234, '2026-11-02 09:00', new Date(Date.UTC(2026, 10, 2, 9, 30)), new Date(Date.UTC(2026, 10, 5, 16, 45))],
      ['LW-IMP-0004', 'LW-ITEM-2', 'LW-GAJ', 'offline', 9, 5, '灵武市民政局', null, new Date(Date.UTC(2026, 10, 6, 8, 0)), null, null],
    ]);
    const res = await send(county.cookie, 'cases.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await counts()).toEqual({ cases: before.cases + 1, stages: before.stages + 2 });
    expect(await caseRow('LW-IMP-0001')).toMatchObject({ stage: 'completed', window_id: w.window.id, staff_id: w.staffId });
    expect((await caseRow('LW-IMP-0001'))!.completed_at!.toISOString()).toBe('2026-11-05T08:45:00.000Z');
    expect(await caseRow('LW-IMP-0004')).toMatchObject({ case_type: 9, applicant_type: 5, applicant_name_masked: '灵武市民政局' });
    expect((await caseRow('LW-IMP-0004'))!.stage_at.toISOString()).toBe('2026-11-06T00:00:00.000Z');
  });

  it('rejects a file with broken rows, naming each row and column, and writes nothing', async () => {
    const future = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const row = (caseNo: string, over: Record<string, string> = {}) => {
      const base: Record<string, string> = { case_no: caseNo, item_code: 'LW-ITEM-1', unit_code: 'LW-MZJ', window_code: '', channel: 'offline', applicant_type: '1', applicant_name: '王五', applicant_phone: '13900002222', received_at: '2026-11-10 09:00', accepted_at: '', refused_at: '' };
      return Object.values({ ...base, ...over });
    };
    const file = csv([
      ['case_no', 'item_code', 'unit_code', 'window_code', 'channel', 'applicant_type', 'applicant_name', 'applicant_phone', 'received_at', 'accepted_at', 'refused_at'],
      row('LW-BAD-0001'),
      row('LW-BAD-0002', { item_code: 'NO-SUCH-ITEM' }),
      row('LW-BAD-0003', { applicant_phone: 'call me' }),
      row('LW-BAD-0004', { accepted_at: future }),
      row('LW-BAD-0005', { accepted_at: '2026-11-10 09:30', refused_at: '2026-11-10 10:00' }),
      row('LW-BAD-0006', { received_at: '' }),
      row('LW-BAD-0001', { applicant_name: '重复' }),
      row('LW-BAD-0008', { received_at: '2026/11/10 9:00' }),
      row('LW-BAD-0009', { window_code: 'Z99' }),
      row('LW-BAD-0010', { channel: '邮寄', applicant_type: '7' }),
      // A case already recorded: its acceptance cannot move to another time.
      row('LW-IMP-0001', { received_at: '2026-11-02 09:00', accepted_at: '2026-11-02 10:30', applicant_name: '张三丰' }),
    ]);
    const before = await counts();
    const res = await send(county.cookie, 'broken.csv', file);
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('IMPORT_FAILED');
    expect(cells(res)).toEqual(['3:item_code', '4:applicant_phone', '5:accepted_at', '6:refused_at', '7:received_at', '8:case_no', '9:received_at', '10:window_code', '11:channel', '11:applicant_type', '12:accepted_at']);
    const reason = (r: number) => err.details.filter((d: RowError) => d.row === r).map((d: RowError) => d.reason).join('; ');
    expect(reason(3)).toBe('no current service item NO-SUCH-ITEM');
    expect(reason(5)).toContain('is in the future');
    expect(reason(6)).toBe('a case that is accepted cannot be refused');
    expect(reason(8)).toBe('duplicates row 2');
    expect(reason(12)).toBe('accepted is already recorded at 2026-11-02T01:30:00.000Z');
    expect(await counts()).toEqual(before);
    expect(await caseRow('LW-BAD-0001')).toBeUndefined();
  });

  it('refuses rows for units outside the uploader\'s county, and cases recorded there', async () => {
    await pushCase(ta, w.xqKey, aCase('XQ-CASE-1', { itemCode: 'XQ-ITEM-1', unitCode: 'XQ-SCJ' }));
    const before = await counts();
    const columns = ['case_no', 'item_code', 'unit_code', 'channel', 'applicant_type', 'applicant_name', 'received_at'];
    const file = csv([
      columns,
      ['LW-IMP-0005', 'LW-ITEM-1', 'LW-MZJ', 'offline', '1', '赵六', '2026-11-10 09:00'],
      ['XQ-IMP-0001', 'XQ-ITEM-1', 'XQ-SCJ', 'offline', '1', '钱七', '2026-11-10 09:00'],
      ['XQ-CASE-1', 'LW-ITEM-1', 'LW-MZJ', 'offline', '1', '孙八', '2026-11-10 09:00'],
    ]);
    const res = await send(county.cookie, 'scope.csv', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      { row: 3, column: 'unit_code', reason: 'outside your data scope' },
      { row: 4, column: 'case_no', reason: 'case XQ-CASE-1 belongs to a unit outside your data scope' },
    ]);
    expect(await counts()).toEqual(before);
    // Someone without a data scope may import for any county.
    const admin = await loginAs(ta, 'root', 'sysadmin');
    const ok = await send(admin.cookie, 'xq.csv', csv([columns, ['XQ-IMP-0001', 'XQ-ITEM-1', 'XQ-SCJ', 'offline', '1', '钱七', '2026-11-10 09:00']]));
    expect(ok.json()).toMatchObject({ status: 'applied', inserted: 1 });
    expect(await caseRow('XQ-IMP-0001')).toMatchObject({ unit_id: w.xq.id, integration_id: null });
  });

  it('refuses a clerk, who may not import cases, before reading the file', async () => {
    const before = await counts();
    const res = await send(clerk.cookie, 'cases.csv', good);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });
});
