import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, type CaseWorld } from '../../../test/case-fixtures.ts';
import { caseCompletedAt, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

describe('real-name bad ratings tracked to 100 % (实名差评回访整改), over HTTP', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: string;
  let unitAdmin: string;
  let operator: string;
  let admin: string;
  const ids: Record<string, number> = {};

  /** A rating given an hour after its case was completed at `completed` (Beijing). */
  async function rate(caseNo: string, completed: string, level: number, realName: boolean) {
    const caseId = await caseCompletedAt(ta, w, caseNo, at(completed).toISOString());
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'sms', level, ...(level <= 2 ? { tags: [`${level}01`] } : {}), realName, at: new Date(at(completed).getTime() + 3_600_000) });
    return r.id;
  }
  const orderOf = async (evaluationId: number) => (await ta.c.repos.workOrders.findByEvaluation(evaluationId))!.id;
  const act = async (cookie: string, id: number, action: string, extra: Record<string, unknown> = {}) => {
    const res = await ta.app.inject({ method: 'POST', url: `/api/work-orders/${id}/actions`, headers: { cookie }, payload: { action, text: `${action} 说明`, ...extra } });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  };
  const report = (cookie: string, query: string) => ta.app.inject({ method: 'GET', url: `/api/work-orders/real-name-report?${query}`, headers: { cookie } });

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    sup = (await loginAs(ta, 'rn.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    unitAdmin = (await loginAs(ta, 'rn.unit', 'unit_admin', { scopeOrgId: w.ga.id })).cookie;
    operator = (await loginAs(ta, 'rn.op', 'operator', { scopeRegionCode: '640181' })).cookie;
    admin = (await loginAs(ta, 'rn.admin', 'sysadmin')).cookie;
    const unit = (await loginAs(ta, 'rn.mz', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
    // Closed: rectified, fed back, revisited satisfied.
    ids.closed = await rate('RN-CLOSED', '2026-11-03 09:00', 1, true);
    const closedOrder = await orderOf(ids.closed);
    for (const a of ['assign', 'verify', 'decide_fix_by_deadline', 'rectify', 'feedback']) await act(unit, closedOrder, a);
    await act(operator, closedOrder, 'revisit_satisfied', { level: 4 });
    // Explained (解释说明) and fed back, not revisited yet: handled, not closed.
    ids.explained = await rate('RN-EXPLAINED', '2026-11-04 09:00', 2, true);
    const explainedOrder = await orderOf(ids.explained);
    for (const a of ['assign', 'verify', 'decide_explain', 'feedback']) await act(unit, explainedOrder, a);
    // Untouched.
    ids.open = await rate('RN-OPEN', '2026-11-05 09:00', 1, true);
    // Excluded by an upheld appeal (误评): listed, marked, closed, out of the rates.
    ids.excluded = await rate('RN-EXCLUDED', '2026-11-06 09:00', 1, true);
    await ta.c.db.updateTable('evaluations').set({ excluded_as: 'mistaken', excluded_at: at('2026-11-09 10:00') }).where('id', '=', ids.excluded).execute();
    await ta.c.db.updateTable('work_orders').set({ state: 'closed_appeal_upheld', closed_at: at('2026-11-09 10:00') }).where('evaluation_id', '=', ids.excluded).execute();
    // Not listed: anonymous bad, real-name good, real-name bad outside the period.
    ids.anonymous = await rate('RN-ANON', '2026-11-05 10:00', 1, false);
    ids.good = await rate('RN-GOOD', '2026-11-05 11:00', 4, true);
    ids.october = await rate('RN-OCT', '2026-10-30 09:00', 1, true);
    // Another county's: 兴庆区 (640104).
    const xq = await pushCase(ta, w.xqKey, aCase('RN-XQ', { itemCode: 'XQ-ITEM-1', unitCode: 'XQ-SCJ', stages: [{ stage: 'received', at: '2026-11-05T09:00:00+08:00' }, { stage: 'completed', at: '2026-11-05T10:00:00+08:00' }] }));
    expect(xq.statusCode, xq.body).toBeLessThan(300);
    ids.xingqing = (await ta.c.services.evaluations.record(system, { caseId: xq.json().id, channel: 'sms', level: 1, tags: ['101'], realName: true, at: at('2026-11-05 11:00') })).id;
  });
  afterAll(() => ta.close());

  it('lists every real-name bad rating of the period in scope with its revisit and rectification state, flagging the ones not closed', async () => {
    const res = await report(sup, 'from=2026-11-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { evaluationId: number; notClosed: boolean; state: string; revisitResult: string | null; rectifiedAt: string | null; revisitedAt: string | null; excludedAs: string | null; caseNo: string }[];
    expect(items.map((i) => i.evaluationId)).toEqual([ids.closed, ids.explained, ids.open, ids.excluded]);
    const [closed, explained, open, excluded] = items;
    expect(closed).toMatchObject({ caseNo: 'RN-CLOSED', state: 'closed_resolved', revisitResult: 'satisfied', notClosed: false, excludedAs: null });
    expect(closed!.rectifiedAt).not.toBeNull();
    expect(closed!.revisitedAt).not.toBeNull();
    expect(explained).toMatchObject({ state: 'feedback_given', decision: 'explain', revisitResult: null, revisitedAt: null, notClosed: true });
    expect(explained!.rectifiedAt).not.toBeNull();
    expect(open).toMatchObject({ state: 'opened', rectifiedAt: null, revisitedAt: null, notClosed: true });
    expect(excluded).toMatchObject({ excludedAs: 'mistaken', state: 'closed_appeal_upheld', notClosed: false });
    expect(res.json().totals).toEqual({ count: 4, excluded: 1, tracked: 3, closed: 1, revisited: 1, rectified: 2, notClosed: 2, closedRate: 0.3333, revisitRate: 0.3333, rectifyRate: 0.6667 });
    expect(JSON.stringify(res.json())).not.toMatch(/张三丰|13812341234/);
  });

  it('pages the items; the totals stay those of the whole period', async () => {
    const res = await report(sup, 'from=2026-11-01&to=2026-11-30&limit=1&offset=1');
    expect(res.json().items.map((i: { evaluationId: number }) => i.evaluationId)).toEqual([ids.explained]);
    expect(res.json().totals.count).toBe(4);
  });

  it('follows the viewer’s scope and the region asked for', async () => {
    const all = await report(admin, 'from=2026-11-01&to=2026-11-30');
    expect(all.json().items.map((i: { evaluationId: number }) => i.evaluationId)).toContain(ids.xingqing);
    expect(all.json().totals.count).toBe(5);
    const lingwu = await report(admin, 'from=2026-11-01&to=2026-11-30&region=640181');
    expect(lingwu.json().totals.count).toBe(4);
    expect((await report(admin, 'from=2026-11-01&to=2026-11-30&region=640104')).json().items.map((i: { evaluationId: number }) => i.evaluationId)).toEqual([ids.xingqing]);
    // A unit administrator sees their own unit's only (公安局 has none here).
    expect((await report(unitAdmin, 'from=2026-11-01&to=2026-11-30')).json().totals).toMatchObject({ count: 0, closedRate: null });
    const outside = await report(sup, 'from=2026-11-01&to=2026-11-30&region=640104');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('OUT_OF_SCOPE');
    const clerk = (await loginAs(ta, 'rn.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
    expect((await report(clerk, 'from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
    expect((await report(sup, 'from=2026-10-01&to=2026-11-30')).json().totals.count).toBe(5);
  });

  it('refuses a reversed or too long period, an impossible date, a missing bound and unknown parameters with 400 and the field', async () => {
    const cases: [string, string][] = [
      ['from=2026-11-30&to=2026-11-01', 'to'],
      ['from=2025-11-01&to=2026-11-02', 'to'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['to=2026-11-30', 'from'],
      ['from=2026-11-01&to=2026-11-30&regionCode=640181', 'regionCode'],
      ['from=2026-11-01&to=2026-11-30&region=64018', 'region'],
    ];
    for (const [q, field] of cases) {
      const res = await report(sup, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().error), q).toContain(field);
    }
    // A leap year's 366 days fit.
    expect((await report(sup, 'from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
  });

  it('exports the same as XLSX (ratings and totals), audited', async () => {
    const res = await ta.app.inject({ method: 'GET', url: '/api/work-orders/real-name-report/export?from=2026-11-01&to=2026-11-30', headers: { cookie: sup } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('real-name-bad-ratings-2026-11-01-2026-11-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('实名差评')!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).getCell(1).value).toBe('评价编号');
    const rows = [2, 3, 4, 5].map((r) => sheet.getRow(r));
    expect(rows.map((r) => r.getCell(3).value)).toEqual(['RN-CLOSED', 'RN-EXPLAINED', 'RN-OPEN', 'RN-EXCLUDED']);
    expect(rows.map((r) => r.getCell(18).value ?? '')).toEqual(['', '是', '是', '']);
    expect(rows[0]!.getCell(10).value).toBe('已办结');
    expect(rows[3]!.getCell(17).value).toBe('误评');
    const totals = wb.getWorksheet('汇总')!;
    const byLabel = Object.fromEntries(Array.from({ length: totals.rowCount }, (_, i) => [totals.getRow(i + 1).getCell(1).value, totals.getRow(i + 1).getCell(2).value]));
    expect(byLabel).toMatchObject({ 实名差评数: 4, 应跟踪数: 3, 已办结: 1, 已回访: 1, 已整改: 2, 未办结: 2, 回访率: 0.3333 });
    const audited = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'workorder.real_name_export').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.detail).toMatchObject({ from: '2026-11-01', to: '2026-11-30', count: 4 });
    expect((await ta.app.inject({ method: 'GET', url: '/api/work-orders/real-name-report/export?from=2026-11-30&to=2026-11-01', headers: { cookie: sup } })).statusCode).toBe(400);
  });
});
