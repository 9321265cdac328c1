import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { caseCompletedAt, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';
import type { EvaluationTable } from '../../db/schema.ts';
import { systemCtx } from '../../services/actor.ts';

const HEADER = '办件编号,评价渠道,评价人,评价时间,评价次数,满意度,满意度代码,文字评价,行政区划';

describe('GB/T 39046-2020 export', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let lwSup: string;
  let lwAuditor: string;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    lwSup = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    lwAuditor = (await loginAs(ta, 'lw.audit', 'auditor', { scopeRegionCode: '640181' })).cookie;
    const op = await loginAs(ta, 'lw.op', 'operator', { scopeRegionCode: '640181' });
    const ev = ta.c.services.evaluations;
    // Rated on Tue 2026-10-20 at 09:30 Beijing time, by device and by a paper form with a comma and a formula in its text.
    await caseCompletedAt(ta, w, 'EX-DEVICE', '2026-10-19T10:00:00+08:00');
    const device = await ev.record(system, { caseId: (await ta.c.repos.cases.findByCaseNo('EX-DEVICE'))!.id, channel: 'device', level: 5, realName: true });
    await caseCompletedAt(ta, w, 'EX-PAPER', '2026-10-19T10:00:00+08:00');
    const paper = await ta.app.inject({ method: 'POST', url: '/api/evaluations', headers: { cookie: op.cookie }, payload: { caseNo: 'EX-PAPER', channel: 'paper', level: 1, text: '=1+1,太慢', scanRef: 'PF-1' } });
    expect(paper.statusCode).toBe(201);
    await ta.c.db.updateTable('evaluations').set({ submitted_at: new Date('2026-10-20T09:30:00+08:00') }).where('id', '=', device.id).execute();
    await ta.c.db.updateTable('evaluations').set({ submitted_at: new Date('2026-10-20T09:31:00+08:00') }).where('id', '=', paper.json().id).execute();
    // A default dated the end of Mon 2026-10-26 (5 working days after Mon 10-19).
    await caseCompletedAt(ta, w, 'EX-DEFAULT', '2026-10-19T10:00:00+08:00');
    await ev.recordDefaults(systemCtx('test'), new Date('2026-10-27T08:00:00+08:00'), 100);
  });
  afterAll(() => ta.close());

  const exportOf = (cookie: string, query: string) => ta.app.inject({ method: 'GET', url: `/api/evaluations/export?${query}`, headers: { cookie } });

  it('CSV: UTF-8 with BOM, the standard’s Chinese header, national codes, masked evaluator, Beijing time, reversed satisfaction code', async () => {
    const res = await exportOf(lwSup, 'format=csv&from=2026-10-01&to=2026-10-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="gbt39046-evaluations-2026-10-01-2026-10-31.csv"');
    expect(res.headers['x-hcp-mapping-version']).toBe('GB/T 39046-2020 v1');
    expect(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toEqual([
      HEADER,
      'EX-DEVICE,4,张**,20261020T093000,1,非常满意,1,,640181',
      `EX-PAPER,9,匿名,20261020T093100,1,非常不满意,5,"'=1+1,太慢",640181`,
      'EX-DEFAULT,9,系统默认,20261027T000000,1,基本满意,3,,640181',
      '',
    ]);
    expect(res.body).not.toContain('张三丰');
    const audit = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'evaluation.export').execute();
    expect(audit.at(-1)!.detail).toMatchObject({ format: 'csv', mappingVersion: 'GB/T 39046-2020 v1' });
  });

  it('JSON: an array of objects with the standard’s field names; an auditor may export too', async () => {
    const res = await exportOf(lwAuditor, 'format=json&from=2026-10-20&to=2026-10-20&regionCode=640181');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const rows = res.json();
    expect(rows).toEqual([
      { 办件编号: 'EX-DEVICE', 评价渠道: 4, 评价人: '张**', 评价时间: '20261020T093000', 评价次数: 1, 满意度: '非常满意', 满意度代码: 1, 文字评价: '', 行政区划: '640181' },
      { 办件编号: 'EX-PAPER', 评价渠道: 9, 评价人: '匿名', 评价时间: '20261020T093100', 评价次数: 1, 满意度: '非常不满意', 满意度代码: 5, 文字评价: '=1+1,太慢', 行政区划: '640181' },
    ]);
    expect((await exportOf(lwAuditor, 'format=json&from=2025-01-01&to=2025-01-31')).json()).toEqual([]);
  });

  it('pages through a large period without losing or repeating a row', async () => {
    // 1,200 ratings over 4 cases (visits 1–99, rounds 1–4), many at the same instant, written directly.
    const p = await ta.c.services.evaluations.policyFor('640181000000');
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push(await caseCompletedAt(ta, w, `EX-BULK-${i}`, '2026-08-01T10:00:00+08:00'));
    const rows: Insertable<EvaluationTable>[] = [];
    for (const caseId of cases) {
      for (let visit = 1; visit <= 75; visit++) {
        for (let round = 1; round <= 4; round++) {
          rows.push({ case_id: caseId, visit_no: visit, round, kind: 'active', level: 4, bad: false, channel: 'terminal', policy_id: p.id, scores: '{}', item_id: w.lwItemVersionId, unit_id: w.mz.id, region_code: '640181000000', org_path: w.mz.path, submitted_at: new Date(Date.UTC(2026, 7, 2, 1, visit % 7)) });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 300) await ta.c.db.insertInto('evaluations').values(rows.slice(i, i + 300)).execute();
    const res = await exportOf(lwSup, 'format=json&from=2026-08-01&to=2026-08-31');
    const got = res.json() as { 办件编号: string; 评价时间: string; 评价渠道: number }[];
    expect(got).toHaveLength(1200);
    expect(got.every((r) => r.评价渠道 === 5)).toBe(true);
    expect([...got.map((r) => r.评价时间)]).toEqual([...got.map((r) => r.评价时间)].sort());
    const csv = await exportOf(lwSup, 'format=csv&from=2026-08-01&to=2026-08-31');
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(1201);
  });

  it('refuses a reversed or too long period, bad dates and formats, with the field', async () => {
    const field = async (q: string) => {
      const res = await exportOf(lwSup, q);
      return `${res.statusCode} ${res.json().error.field}`;
    };
    expect(await field('from=2026-10-31&to=2026-10-01')).toBe('400 to');
    expect(await field('from=2025-01-01&to=2026-01-02')).toBe('400 to');
    expect((await exportOf(lwSup, 'from=2025-01-01&to=2026-01-01')).statusCode).toBe(200);
    expect(await field('from=2026-13-01&to=2026-12-31')).toBe('400 from');
    expect(await field('from=2026-10-01')).toBe('400 to');
    expect(await field('format=xml&from=2026-10-01&to=2026-10-31')).toBe('400 format');
    expect(await field('from=2026-10-01&to=2026-10-31&regionCode=640')).toBe('400 regionCode');
  });

  it('only supervisors, auditors and system administrators export, and only their own region', async () => {
    const clerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
    const op = (await loginAs(ta, 'lw.op2', 'operator', { scopeRegionCode: '640181' })).cookie;
    expect((await exportOf(clerk, 'from=2026-10-01&to=2026-10-31')).statusCode).toBe(403);
    expect((await exportOf(op, 'from=2026-10-01&to=2026-10-31')).statusCode).toBe(403);
    const other = await exportOf(lwSup, 'from=2026-10-01&to=2026-10-31&regionCode=640104');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    const xq = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    const theirs = await exportOf(xq, 'from=2026-10-01&to=2026-10-31');
    expect(theirs.body.replace('\uFEFF', '').trimEnd()).toBe(HEADER);
  });
});
