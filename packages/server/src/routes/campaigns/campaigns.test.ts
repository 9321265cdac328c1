import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { caseCompletedAt, completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { csv, multipartFile } from '../../../test/multipart.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

const at = (iso: string) => new Date(iso);

describe('the mass-evaluation campaign (群众评议, seed 002) over HTTP', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: string;
  let op: string;
  let auditor: string;
  let xq: string;
  let campaignId: number;

  const get = (cookie: string, url: string) => ta.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (cookie: string, url: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') => ta.app.inject({ method, url, headers: { cookie }, payload: payload as object });
  const input = (body: Record<string, unknown>, cookie = op) => post(cookie, `/api/campaigns/${campaignId}/inputs`, body);

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    sup = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    op = (await loginAs(ta, 'lw.op', 'operator', { scopeRegionCode: '640181' })).cookie;
    auditor = (await loginAs(ta, 'lw.aud', 'auditor', { scopeRegionCode: '640181' })).cookie;
    xq = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    // 民政局's cases are handled at window A01 of hall A: they count for the unit and for the hall.
    const rate = async (caseNo: string, level: number, channel: 'device' | 'phone', when: string, completed?: string) => {
      const caseId = completed ? await caseCompletedAt(ta, w, caseNo, completed) : await completedCase(ta, w, caseNo);
      await ta.c.services.evaluations.record(system, { caseId, channel, level, ...(level <= 2 ? { tags: [`${level}01`] } : {}), at: at(when) });
    };
    await rate('Q4-1', 5, 'device', '2026-11-10T10:00:00+08:00');
    await rate('Q4-2', 5, 'device', '2026-11-10T11:00:00+08:00');
    await rate('Q4-3', 4, 'device', '2026-11-10T12:00:00+08:00');
    await rate('Q4-4', 3, 'phone', '2026-11-11T10:00:00+08:00');
    // December 2025 counts toward the campaign year 2026 (Q1); November 2025 does not count at all.
    await rate('DEC-1', 5, 'device', '2025-12-12T10:00:00+08:00', '2025-12-10T10:00:00+08:00');
    await rate('NOV-1', 1, 'device', '2025-11-20T10:00:00+08:00', '2025-11-19T10:00:00+08:00');
  });
  afterAll(() => ta.close());

  it('creates the campaign of a region and year with the default rules; a second one is 409, bad rules are 400', async () => {
    const res = await post(sup, '/api/campaigns', { regionCode: '640181', year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    campaignId = body.campaign.id;
    expect(body).toMatchObject({ campaign: { regionCode: '640181000000', year: 2026, name: '2026年灵武市群众评议机关作风测评' }, configVersion: 1, objects: [] });
    expect(body.config.weights).toEqual({ portal: 40, hotline: 20, questionnaire: 20, revisit: 20, complaint: 0 });
    expect((await post(sup, '/api/campaigns', { regionCode: '640181', year: 2026 })).statusCode).toBe(409);
    const bad = await post(sup, '/api/campaigns', { regionCode: '640181', year: 2027, config: { ...body.config, weights: { ...body.config.weights, portal: 50 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('config.weights');
    const unknown = await post(sup, '/api/campaigns', { regionCode: '640181', year: 2027, colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect((await post(op, '/api/campaigns', { regionCode: '640181', year: 2028 })).statusCode).toBe(403);
    expect((await post(xq, '/api/campaigns', { regionCode: '640181', year: 2028 })).statusCode).toBe(403);
  });

  it('sets the objects: units and the hall; a window or an organisation of another county is refused', async () => {
    const put = (objects: unknown) => post(sup, `/api/campaigns/${campaignId}/objects`, { objects }, 'PUT');
    expect((await put([{ orgId: w.window.id, group: 'hall_government' }])).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'objects.0.orgId' });
    expect((await put([{ orgId: w.xq.id, group: 'hall_government' }])).statusCode).toBe(400);
    expect((await put([{ orgId: w.mz.id, group: 'hall_government' }, { orgId: w.mz.id, group: 'center' }])).json().error.field).toBe('objects.1.orgId');
    const res = await put([{ orgId: w.mz.id, group: 'hall_government' }, { orgId: w.ga.id, group: 'hall_government' }, { orgId: w.hall.id, group: 'center' }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((o: { orgId: number; position: number }) => [o.orgId, o.position])).toEqual([[w.mz.id, 1], [w.ga.id, 2], [w.hall.id, 3]]);
  });

  it('records questionnaire and complaint results; a ref makes a retry safe', async () => {
    const q = await input({ orgId: w.mz.id, channel: 'questionnaire', method: 'on_site', date: '2026-11-05', level: 5, count: 4, ref: 'Q-001' });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ created: true, input: { channel: 'questionnaire', level: 5, count: 4, verified: true, source: 'entered' } });
    const again = await input({ orgId: w.mz.id, channel: 'questionnaire', method: 'on_site', date: '2026-11-05', level: 5, count: 4, ref: 'Q-001' });
    expect(again.json()).toMatchObject({ created: false, input: { id: q.json().input.id } });
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2026-11-05', level: 1, ref: 'Q-001' })).statusCode).toBe(409);
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', method: 'online', date: '2026-11-06', level: 4 })).statusCode).toBe(200);
    // A verified 不满意 complaint deducts; an unverified 非常不满意 one is only shown.
    expect((await input({ orgId: w.mz.id, channel: 'complaint', method: 'phone', date: '2026-11-07', level: 2 })).statusCode).toBe(200);
    expect((await input({ orgId: w.mz.id, channel: 'complaint', method: 'phone', date: '2026-11-08', level: 1, verified: false })).statusCode).toBe(200);
    const list = await get(auditor, `/api/campaigns/${campaignId}/inputs?orgId=${w.mz.id}&channel=questionnaire`);
    expect(list.json().items).toHaveLength(2);
  });

  it('refuses results that cannot count: not an object, outside the year, an unknown method or field, no permission', async () => {
    expect((await input({ orgId: w.xq.id, channel: 'questionnaire', date: '2026-11-05', level: 5 })).json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'orgId' });
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2026-12-01', level: 5 })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'date' });
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2025-11-30', level: 5 })).json().error.field).toBe('date');
    expect((await input({ orgId: w.mz.id, channel: 'revisit', method: 'telepathy', date: '2026-11-05', level: 5 })).json().error.field).toBe('method');
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2026-02-30', level: 5 })).statusCode).toBe(400);
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2026-11-05', level: 6 })).statusCode).toBe(400);
    expect((await input({ orgId: w.mz.id, channel: 'portal', date: '2026-11-05', level: 5 })).statusCode).toBe(400);
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2026-11-05', level: 5, extra: 1 })).statusCode).toBe(400);
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2026-11-05', level: 5 }, auditor)).statusCode).toBe(403);
    expect((await input({ orgId: w.mz.id, channel: 'questionnaire', date: '2026-11-05', level: 5 }, xq)).statusCode).toBe(403);
  });

  it('scores each object per quarter and the year by the seed’s method, December counting toward the next year', async () => {
    const res = await get(auditor, `/api/campaigns/${campaignId}/scores`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.quarters.map((q: { from: string; to: string }) => [q.from, q.to])).toEqual([['2025-12-01', '2026-04-01'], ['2026-04-01', '2026-07-01'], ['2026-07-01', '2026-10-01'], ['2026-10-01', '2026-12-01']]);
    const mz = s.objects.find((o: { orgId: number }) => o.orgId === w.mz.id);
    const q4 = mz.quarters[3];
    // portal 5,5,4 → 4.667 × 40/5 = 37.33; hotline 3 → 12; questionnaire 5×4 + 4 → 4.8 × 20/5 = 19.2; revisit no data 3 → 12; minus 1 for the verified complaint.
    expect(q4.channels.portal).toMatchObject({ n: 3, mean: 4.67, points: 37.33 });
    expect(q4.channels.hotline).toMatchObject({ n: 1, mean: 3, points: 12 });
    expect(q4.channels.questionnaire).toMatchObject({ n: 5, mean: 4.8, points: 19.2 });
    expect(q4.channels.revisit).toMatchObject({ n: 0, mean: null, score: 3, points: 12 });
    expect(q4.complaints).toEqual({ level2: 1, level1: 0, unverified: 1 });
    expect(q4.deduction).toEqual({ raw: 1, applied: 1 });
    expect(q4.total).toBe(79.53);
    // Q1 holds the December 2025 rating (5 → 40 points), the November 2025 one (level 1) is in no quarter.
    expect(mz.quarters[0].channels.portal).toMatchObject({ n: 1, mean: 5 });
    expect(mz.quarters[0].total).toBe(76);
    expect(mz.quarters[1].total).toBe(60);
    expect(mz.quarters[2].total).toBe(60);
    expect(mz.year).toBe(68.88);
    const ga = s.objects.find((o: { orgId: number }) => o.orgId === w.ga.id);
    expect(ga.quarters.map((q: { total: number }) => q.total)).toEqual([60, 60, 60, 60]);
    // The hall owns the ratings of its windows (not the unit's entered results): Q4 37.33 + 12 + 12 + 12.
    const hall = s.objects.find((o: { orgId: number }) => o.orgId === w.hall.id);
    expect(hall.quarters[3].total).toBe(73.33);
    expect(s.objects.map((o: { orgId: number; rank: number }) => [o.orgId, o.rank])).toEqual([[w.mz.id, 1], [w.ga.id, 3], [w.hall.id, 2]]);
    expect(s).toMatchObject({ configVersion: 1, formulaVersion: 1 });
  });

  it('a new version of the rules changes the scores and is kept with the old ones', async () => {
    const current = (await get(sup, `/api/campaigns/${campaignId}`)).json().config;
    const res = await post(sup, `/api/campaigns/${campaignId}/config`, { config: { ...current, weights: { portal: 50, hotline: 10, questionnaire: 20, revisit: 20, complaint: 0 } }, note: '提高政务服务网权重' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    const s = (await get(sup, `/api/campaigns/${campaignId}/scores`)).json();
    // portal 4.667 × 50/5 = 46.67, hotline 3 × 10/5 = 6, questionnaire 19.2, revisit 12, −1.
    expect(s.objects[0].quarters[3].total).toBe(82.87);
    expect(s.configVersion).toBe(2);
    const versions = (await get(sup, `/api/campaigns/${campaignId}/config-versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await post(sup, `/api/campaigns/${campaignId}/config`, { config: { ...current, yearEndMonth: 9 } })).json().error.field).toBe('config.yearEndMonth');
    // Back to the default weights for the tests below.
    expect((await post(sup, `/api/campaigns/${campaignId}/config`, { config: current })).json().version).toBe(3);
  });

  it('imports results from a file; the same file again counts nothing twice; a bad row rejects the file', async () => {
    const file = csv([
      ['评议年度(campaign_year)', '评议区划代码(campaign_region_code)', '评议对象编码(org_code)', '渠道(channel)', '方式(method)', '日期(date)', '评价等级(level)', '数量(count)', '编号(ref)'],
      [2026, '640181', 'LW-GAJ', '问卷调查', 'online', '2026-10-15', '非常满意', 10, 'IMP-1'],
      [2026, '640181', 'LW-GAJ', 'revisit', 'phone', '2026-10-16', 4, 5, 'IMP-2'],
    ]);
    const send = (content: string) => {
      const body = multipartFile('campaign.csv', content);
      return ta.app.inject({ method: 'POST', url: '/api/imports/campaign-inputs', payload: body.payload, headers: { cookie: op, ...body.headers } });
    };
    const res = await send(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 2, unchanged: 0 });
    expect((await send(file)).json()).toMatchObject({ inserted: 0, unchanged: 2 });
    const bad = await send(csv([
      ['评议年度(campaign_year)', '评议区划代码(campaign_region_code)', '评议对象编码(org_code)', '渠道(channel)', '日期(date)', '评价等级(level)'],
      [2026, '640181', 'LW-GAJ', '问卷调查', '2026-10-15', 5],
      [2026, '640181', 'NOPE', '问卷调查', '2026-10-15', 5],
      [2025, '640181', 'LW-GAJ', '问卷调查', '2026-10-15', 5],
      [2026, '640181', 'LW-GAJ', '问卷调查', '2027-01-15', 'great'],
    ]));
    expect(bad.statusCode).toBe(422);
    const rows = bad.json().error.details.map((d: { row: number; column: string }) => [d.row, d.column]);
    expect(rows).toEqual([[3, 'org_code'], [4, 'campaign_year'], [5, 'level']]);
    // ga's Q4: questionnaire 5 × 10 → 20 points, revisit 4 × 5 → 16, portal and hotline no data → 24 + 12.
    const ga = (await get(sup, `/api/campaigns/${campaignId}/scores`)).json().objects.find((o: { orgId: number }) => o.orgId === w.ga.id);
    expect(ga.quarters[3].total).toBe(72);
  });

  it('the final report of an object: a PDF with the Chinese font embedded and its text, and an XLSX', async () => {
    const pdf = await get(auditor, `/api/campaigns/${campaignId}/objects/${w.mz.id}/report?format=pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    expect(text).toContain('灵武市民政局');
    expect(text).toContain('年度得分');
    expect(text).toContain('68.88');
    expect(text).not.toContain('〓');
    const xlsx = await get(auditor, `/api/campaigns/${campaignId}/objects/${w.mz.id}/report?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概览', '季度得分', '渠道明细', '投诉']);
    const quarters = wb.getWorksheet('季度得分')!;
    expect(quarters.getRow(5).getCell(1).value).toBe('第四季度');
    expect(quarters.getRow(5).getCell(10).value).toBe(79.53);
    expect((await get(auditor, `/api/campaigns/${campaignId}/objects/${w.xq.id}/report?format=pdf`)).statusCode).toBe(404);
    const summary = await get(auditor, `/api/campaigns/${campaignId}/scores/export`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(summary.rawPayload as unknown as Parameters<typeof wb2.xlsx.load>[0]);
    expect(wb2.getWorksheet('年度得分')!.getRow(2).getCell(2).value).toBe('灵武市民政局');
  });

  it('another county sees no campaign of 灵武市 and can read none of it', async () => {
    expect((await get(xq, '/api/campaigns')).json().items).toEqual([]);
    expect((await get(sup, '/api/campaigns')).json().items.map((c: { id: number }) => c.id)).toEqual([campaignId]);
    for (const url of [`/api/campaigns/${campaignId}`, `/api/campaigns/${campaignId}/scores`, `/api/campaigns/${campaignId}/inputs`, `/api/campaigns/${campaignId}/objects/${w.mz.id}/report?format=pdf`]) {
      expect((await get(xq, url)).statusCode, url).toBe(403);
    }
    expect((await get(sup, '/api/campaigns/999999')).statusCode).toBe(404);
  });
});
