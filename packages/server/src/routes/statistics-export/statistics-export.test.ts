import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSupervisionWorld, type SupervisionWorld } from '../../../test/supervision-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

const AUGUST = 'regionCode=640181&period=month&date=2026-08-01';

async function sheetRows(body: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('GET /api/statistics/export and /api/rankings/export (XLSX)', () => {
  let ta: TestApp;
  let w: SupervisionWorld;
  const cookies: Record<string, string> = {};
  const get = (who: string, url: string) => ta.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie: cookies[who]! } });

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedSupervisionWorld(ta);
    cookies.county = (await loginAs(ta, 'ex.county', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    cookies.other = (await loginAs(ta, 'ex.other', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    cookies.clerk = (await loginAs(ta, 'ex.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
  });
  afterAll(() => ta.close());

  it('the statistics table holds the numbers of GET /api/statistics for the same query, and a total row', async () => {
    const json = (await get('county', `/statistics?${AUGUST}&groupBy=unit`)).json();
    const res = await get('county', `/statistics/export?${AUGUST}&groupBy=unit`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="statistics-unit-2026-08-01-2026-08-31.xlsx"');
    const rows = await sheetRows(res.rawPayload, '统计');
    expect(rows[0]!.slice(0, 4)).toEqual(['分组键', '名称', '评价数', '占比']);
    const header = rows[0] as string[];
    const col = (h: string) => header.indexOf(h);
    expect(rows).toHaveLength(json.groups.length + 2);
    json.groups.forEach((g: { key: string; label: string; count: number; metrics: { ratings: { badRate: number | null; byLevel: Record<string, number> }; workOrders: { overdue: number } } }, i: number) => {
      const row = rows[i + 1]!;
      expect(row[col('分组键')]).toBe(g.key);
      expect(row[col('名称')]).toBe(g.label);
      expect(row[col('评价数')]).toBe(g.count);
      expect(row[col('非常不满意')]).toBe(g.metrics.ratings.byLevel['1']);
      expect(row[col('差评率')]).toBe(g.metrics.ratings.badRate);
      expect(row[col('超期工单数')]).toBe(g.metrics.workOrders.overdue);
    });
    const total = rows.at(-1)!;
    expect(total[0]).toBe('合计');
    expect(total[col('评价数')]).toBe(json.total.ratings.total);
    expect(total[col('评价数')]).toBe(12);
    const overview = await sheetRows(res.rawPayload, '说明');
    expect(overview).toContainEqual(['统计期间', '2026-08-01 至 2026-08-31（31 天）']);
    expect(overview).toContainEqual(['分组', '单位']);
    const audit = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'statistics.export').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ groupBy: 'unit', regionCode: '640181000000', rows: 3 });
  });

  it('the level mix exports its counts and shares', async () => {
    const json = (await get('county', `/statistics?${AUGUST}&groupBy=level`)).json();
    const rows = await sheetRows((await get('county', `/statistics/export?${AUGUST}&groupBy=level`)).rawPayload, '统计');
    expect(rows.slice(1, 6).map((r) => [r[0], r[2], r[3]])).toEqual(json.groups.map((g: { key: string; count: number; share: number }) => [g.key, g.count, g.share]));
  });

  it('the ranking holds the ranks of GET /api/rankings, with its method', async () => {
    const json = (await get('county', `/rankings?${AUGUST}&level=unit&metric=badRate`)).json();
    const res = await get('county', `/rankings/export?${AUGUST}&level=unit&metric=badRate`);
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload, '排名');
    expect(rows[0]).toEqual(['名次', '编号', '名称', '评价数', '差评率', '修正差评率', '是否排名']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4]])).toEqual(json.items.map((i: { rank: number; key: string; label: string; volume: number; raw: number }) => [i.rank, i.key, i.label, i.volume, i.raw]));
    expect(rows.slice(1).map((r) => r[2])).toEqual(['灵武市社会保障局', '灵武市公安局', '灵武市民政局']);
    const overview = await sheetRows(res.rawPayload, '说明');
    expect(overview.find((r) => r[0] === '最少评价数')).toEqual(['最少评价数', 3]);
  });

  it('the same permissions, scope and checks as the JSON', async () => {
    expect((await get('other', `/statistics/export?${AUGUST}&groupBy=unit`)).statusCode).toBe(403);
    expect((await get('other', `/rankings/export?${AUGUST}&level=unit`)).statusCode).toBe(403);
    expect((await get('clerk', `/rankings/export?period=month&date=2026-08-01&level=staff`)).statusCode).toBe(403);
    expect((await get('county', `/statistics/export?${AUGUST}&groupBy=everything`)).statusCode).toBe(400);
    expect((await get('county', `/statistics/export?${AUGUST}&extra=1`)).statusCode).toBe(400);
    const reversed = await get('county', '/statistics/export?from=2026-08-31&to=2026-08-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.field).toBe('to');
  });
});
