import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createContainer } from '../../server/src/container.ts';
import { createDatabase } from '../../server/src/db/database.ts';
import { ephemeralKeyring } from '../../server/src/security/key-store.ts';
import { PiiCipher } from '../../server/src/security/pii-cipher.ts';
import { systemCtx } from '../../server/src/services/actor.ts';
import { adminApi, ensureWebBuild, launchBrowser, minutesAgo, screenshotPath, startServer, type Browser, type RunningServer } from './harness.ts';

/**
 * The statistics dashboard (统计分析), the supervision alerts (督办预警) and the review of suspected
 * manipulated ratings (异常评价核查), as 灵武市's management office uses them. The county is built
 * and rated through the API; the server is then stopped, the manipulation scan runs as it would ten
 * minutes later, and the server starts again on the same data, as after a restart.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
let sup: ReturnType<typeof staffApi>;
const SUPERVISOR = { username: 'lw-supervisor', password: 'Lingwu-Pass-2026' };
const COUNTY = '640181000000';
const SAME_TEXT = '窗口人员态度冷漠，让我来回跑了三趟';
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const MONTH = `period=month&date=${TODAY}&kind=active`;

/** Three units of 灵武市, each with a window of the hall, a staff member, an item, an API key and rated cases. */
const UNITS = [
  { code: 'LW-MZJ', name: '灵武市民政局', window: 'A01 民政窗口', staff: ['M001', '马晓东'], item: 'LW-MZ-01', levels: [1, 1, 1, 5, 5] },
  { code: 'LW-GAJ', name: '灵武市公安局', window: 'B01 户籍窗口', staff: ['G001', '李文静'], item: 'LW-GA-01', levels: [5, 5, 4, 2] },
  { code: 'LW-SBJ', name: '灵武市社会保障局', window: 'C01 社保窗口', staff: ['S001', '周海燕'], item: 'LW-SB-01', levels: [5, 5, 5] },
];

/** A JSON client logged in as a staff account. */
function staffApi(baseUrl: string) {
  let cookie = '';
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api${p}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p} answered ${res.status}: ${text}`);
    return { json: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    async logIn(u: { username: string; password: string }) {
      const { headers } = await call('POST', '/auth/login', u);
      cookie = headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    },
    get: async (p: string) => (await call('GET', p)).json,
    post: async (p: string, body?: unknown) => (await call('POST', p, body ?? {})).json,
  };
}

async function seedCounty(baseUrl: string, adminPassword: string) {
  const api = adminApi(baseUrl);
  await api.logIn(adminPassword);
  await api.post('/regions', [
    { code: '640000', name: '宁夏回族自治区' },
    { code: '640100', name: '银川市', parentCode: '640000' },
    { code: '640181', name: '灵武市', parentCode: '640100' },
  ]);
  const hall = await api.post('/organisations', { regionCode: '640181', kind: 'hall', name: '灵武市政务服务大厅' });
  await api.post('/users', { username: SUPERVISOR.username, displayName: '灵武市管办', password: SUPERVISOR.password, role: 'supervisor', scopeRegionCode: '640181' });
  const office = staffApi(baseUrl);
  await office.logIn(SUPERVISOR);
  for (const u of UNITS) {
    const unit = await api.post('/organisations', { regionCode: '640181', kind: 'unit', code: u.code, name: u.name });
    const window = await api.post('/organisations', { regionCode: '640181', kind: 'window', parentId: hall.id, code: u.window.slice(0, 3), name: u.window });
    await api.post('/staff', { unitId: unit.id, employeeNo: u.staff[0], name: u.staff[1], windowIds: [window.id] });
    await api.post('/service-items', { code: u.item, name: `${u.name}事项`, itemType: 'public_service', promisedDays: 5, ownerUnitId: unit.id, regionCode: '640181' });
    const { apiKey } = await api.post('/integrations', { name: `${u.name}审批系统`, unitIds: [unit.id] });
    for (const [i, level] of u.levels.entries()) {
      const caseNo = `${u.code}-${i + 1}`;
      await api.post(
        '/integration/cases',
        {
          caseNo, itemCode: u.item, unitCode: u.code, windowId: window.id, staffEmployeeNo: u.staff[0], channel: 'offline',
          applicant: { type: 1, name: '赵六', phone: '13812341234' },
          stages: [{ stage: 'received', at: minutesAgo(60) }, { stage: 'completed', at: minutesAgo(30) }],
        },
        { authorization: `Bearer ${apiKey}` },
      );
      // The office enters what the evaluators said on the 12345 line; 民政局's three bad ratings say the same.
      const text = level > 2 ? null : u.code === 'LW-MZJ' ? SAME_TEXT : '等了很久才办理完成';
      await office.post('/evaluations', { caseNo, channel: 'phone', level, ...(text ? { text } : {}) });
    }
  }
  // 灵武市's own thresholds: small volumes rank, the last unit above 20 % is flagged.
  const inForce = await office.get('/evaluation-policies/640181');
  await office.post('/evaluation-policies/640181', {
    policy: {
      ...inForce.policy,
      ranking: { minVolume: 3, priorWeight: 0 },
      supervisionAlerts: { staffMinBadRatings: 3, staffBadRateAbove: 0.5, staffMinRatings: 4, unitBadRateAbove: 0.2, unitBottomRanks: 1, unitMinOverdueOrders: 1 },
    },
    note: '督办预警阈值',
  });
}

/** The manipulation scan on the stopped server's data, at a time when every rating has settled. */
async function scanLater(s: RunningServer) {
  const db = createDatabase({ databaseUrl: s.db.url, dataDir: path.join(s.dataDir, 'pglite') });
  try {
    const c = createContainer({ db, cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const r = await c.services.detection.scan(systemCtx('e2e'), new Date(Date.now() + 10 * 60_000));
    expect(r.flagsOpened).toBeGreaterThanOrEqual(1);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  await ensureWebBuild();
  const first = await startServer();
  try {
    await seedCounty(first.baseUrl, first.adminPassword);
    await first.halt();
    await scanLater(first);
  } catch (e) {
    await first.stop();
    throw e;
  }
  server = await startServer(first);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  sup = staffApi(server.baseUrl);
  await sup.logIn(SUPERVISOR);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
});

const rate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));

async function open(p: string, title: string) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: title, exact: true }).click();
  await page.waitForURL(`${server.baseUrl}/console/${p}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** The figure cards as shown: the exact value (data-value) and the text. */
async function kpi(id: string) {
  const el = page.getByTestId(`kpi-${id}`);
  await expect.poll(() => el.getAttribute('data-value')).not.toBeNull();
  return { value: await el.getAttribute('data-value'), text: (await el.locator('.ant-statistic-content').textContent())?.trim() };
}

/** The rows of a dashboard table: name and the count and share cells, by row key. */
async function tableRows(testId: string) {
  const table = page.getByTestId(testId);
  await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  return table.locator('tbody tr[data-row-key]').evaluateAll((rows) =>
    rows.map((r) => ({
      key: r.getAttribute('data-row-key'),
      name: r.querySelector('td')?.textContent?.trim(),
      count: r.querySelector('[data-cell="count"]')?.textContent,
      share: r.querySelector('[data-cell="share"]')?.textContent,
    })),
  );
}

/** An option of a segmented control (its radio input is hidden under the label). */
const segment = (label: string) => page.locator('label.ant-segmented-item', { hasText: new RegExp(`^${label}$`) });

/** Waits until the figure cards show `total` ratings (after a drill or a new period). */
const totalShown = (n: number) => expect.poll(() => page.getByTestId('kpi-total').getAttribute('data-value'), { timeout: 15_000 }).toBe(String(n));

describe('console dashboard, supervision alerts and rating flags', () => {
  test('the dashboard shows the numbers of the API for the same query', async () => {
    await page.goto(`${server.baseUrl}/console/login`);
    await page.getByLabel('用户名').fill(SUPERVISOR.username);
    await page.getByLabel('密码', { exact: true }).fill(SUPERVISOR.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^欢迎/ }).waitFor();
    await open('dashboard', '统计分析');

    const api = await sup.get(`/statistics?${MONTH}&groupBy=day`);
    expect(api.total.ratings.total).toBe(12);
    await totalShown(12);
    const m = api.total;
    const expected: Record<string, [number | null, string]> = {
      total: [m.ratings.total, String(m.ratings.total)],
      goodRate: [m.ratings.goodRate, rate(m.ratings.goodRate)],
      badRate: [m.ratings.badRate, rate(m.ratings.badRate)],
      satisfaction: [m.ratings.satisfactionScore, score(m.ratings.satisfactionScore)],
      activeRate: [m.participation.activeRate, rate(m.participation.activeRate)],
      rectificationRate: [m.workOrders.rectificationRate, rate(m.workOrders.rectificationRate)],
      revisitSatisfactionRate: [m.workOrders.revisitSatisfactionRate, rate(m.workOrders.revisitSatisfactionRate)],
      overdue: [m.workOrders.overdue, String(m.workOrders.overdue)],
    };
    for (const [id, [value, text]] of Object.entries(expected)) {
      expect(await kpi(id), id).toEqual({ value: value === null ? '' : String(value), text });
    }
    // 3 bad ratings of 民政局 and 1 of 公安局 among 12.
    expect(rate(m.ratings.badRate)).toBe('33.33%');

    const levels = await sup.get(`/statistics?${MONTH}&groupBy=level`);
    expect(await tableRows('levels-table')).toEqual(levels.groups.map((g: { key: string; count: number; share: number | null }) => expect.objectContaining({ key: g.key, count: String(g.count), share: rate(g.share) })));
    const channels = await sup.get(`/statistics?${MONTH}&groupBy=channel`);
    expect(await tableRows('channels-table')).toEqual([{ key: 'phone', name: '电话', count: '12', share: '100.00%' }]);
    expect(channels.groups.map((g: { key: string }) => g.key)).toEqual(['phone']);
    const regions = await sup.get(`/statistics?${MONTH}&groupBy=region`);
    expect(await tableRows('drill-table')).toEqual(regions.groups.map((g: { key: string; label: string; count: number; share: number | null }) => ({ key: g.key, name: g.label, count: String(g.count), share: rate(g.share) })));
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('dashboard.png'), fullPage: true });
  });

  test('drill-down: region → unit → window → staff, each level as the API counts it, with its ranking', async () => {
    await page.getByRole('button', { name: '查看 灵武市 的下一级' }).click();
    await page.getByRole('heading', { level: 2, name: '按单位' }).waitFor();
    const units = await sup.get(`/statistics?${MONTH}&regionCode=${COUNTY}&groupBy=unit`);
    await expect.poll(async () => (await tableRows('drill-table')).length).toBe(3);
    expect(await tableRows('drill-table')).toEqual(units.groups.map((g: { key: string; label: string; count: number; share: number | null }) => ({ key: g.key, name: g.label, count: String(g.count), share: rate(g.share) })));

    // The ranking of the units, by satisfaction and then by bad-rating rate.
    const ranks = async () =>
      page.getByTestId('ranking-table').locator('tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row-key'), r.querySelector('[data-cell="rank"]')?.textContent, r.querySelector('[data-cell="volume"]')?.textContent]));
    const bySatisfaction = await sup.get(`/rankings?period=month&date=${TODAY}&regionCode=${COUNTY}&level=unit&metric=satisfaction`);
    await expect.poll(ranks).toEqual(bySatisfaction.items.map((i: { key: string; rank: number; volume: number }) => [i.key, String(i.rank), String(i.volume)]));
    await segment('差评率').click();
    const byBadRate = await sup.get(`/rankings?period=month&date=${TODAY}&regionCode=${COUNTY}&level=unit&metric=badRate`);
    await expect.poll(ranks).toEqual(byBadRate.items.map((i: { key: string; rank: number; volume: number }) => [i.key, String(i.rank), String(i.volume)]));
    expect(byBadRate.items.at(-1).label).toBe('灵武市民政局');

    const mz = units.groups.find((g: { label: string }) => g.label === '灵武市民政局');
    await page.getByRole('button', { name: '查看 灵武市民政局 的下一级' }).click();
    await page.getByRole('heading', { level: 2, name: '按窗口' }).waitFor();
    await totalShown(5);
    const windows = await sup.get(`/statistics?${MONTH}&regionCode=${COUNTY}&orgId=${mz.key}&groupBy=window`);
    expect(windows.total.ratings.total).toBe(5);
    expect(await kpi('badRate')).toEqual({ value: String(windows.total.ratings.badRate), text: '60.00%' });
    await expect.poll(async () => (await tableRows('drill-table')).map((r) => [r.name, r.count])).toEqual([['A01 民政窗口', '5']]);

    await page.getByRole('button', { name: '查看 A01 民政窗口 的下一级' }).click();
    await page.getByRole('heading', { level: 2, name: '按工作人员' }).waitFor();
    await expect.poll(async () => (await tableRows('drill-table')).map((r) => [r.name, r.count])).toEqual([['马晓东', '5']]);
    // The path leads back: the whole scope again.
    const crumbs = page.getByRole('navigation', { name: '钻取路径' });
    await expect.poll(() => crumbs.textContent()).toContain('A01 民政窗口');
    await crumbs.getByRole('button', { name: '全部（本人数据范围）' }).click();
    await page.getByRole('heading', { level: 2, name: '按行政区划' }).waitFor();
    await totalShown(12);
  });

  test('a table exports to an XLSX file with the numbers shown', async () => {
    await page.getByRole('button', { name: '查看 灵武市 的下一级' }).click();
    await page.getByRole('heading', { level: 2, name: '按单位' }).waitFor();
    await expect.poll(async () => (await tableRows('drill-table')).length).toBe(3);
    const shown = await tableRows('drill-table');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 XLSX：按单位' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^statistics-unit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(os.tmpdir(), `hcp-e2e-dashboard-${Date.now()}.xlsx`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file, { force: true });
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet('统计')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.slice(1, -1).map((r) => [String(r[0]), r[1], String(r[2])])).toEqual(shown.map((r) => [r.key, r.name, r.count]));
    expect(rows.at(-1)!.slice(0, 3)).toEqual(['合计', undefined, 12]);
  });

  test('the period picker: a year and a quarter count the same ratings as the API', async () => {
    await segment('年').click();
    const year = await sup.get(`/statistics?period=year&date=${TODAY}&kind=active&regionCode=${COUNTY}&groupBy=month`);
    await expect.poll(() => page.getByTestId('period-shown').textContent()).toBe(`${TODAY.slice(0, 4)}-01-01 至 ${TODAY.slice(0, 4)}-12-31，共 ${year.period.days} 天`);
    await totalShown(year.total.ratings.total);
    await page.getByRole('heading', { level: 2, name: '评价趋势（按月）' }).waitFor();
    await segment('季').click();
    const quarter = await sup.get(`/statistics?period=quarter&date=${TODAY}&kind=active&regionCode=${COUNTY}`);
    await expect.poll(() => page.getByTestId('period-shown').textContent()).toBe(`${quarter.period.from} 至 ${quarter.period.to}，共 ${quarter.period.days} 天`);
    await totalShown(quarter.total.ratings.total);
    // Default ratings: none yet.
    await segment('默认评价').click();
    await totalShown(0);
  });

  test('supervision alerts: the office runs the check, reads the alerts and acknowledges one', async () => {
    await open('supervision-alerts', '督办预警');
    // The scheduled check first runs a few seconds after the server starts, so it may have raised these
    // alerts already: either way the check finds the same two, and raises each only once.
    await page.getByRole('button', { name: '立即检查' }).click();
    await page.getByText(/^检查完成：2 条符合预警条件，新增 [02] 条/).waitFor();
    const table = page.getByTestId('alerts-table');
    const staffRow = table.getByRole('row', { name: /工作人员差评集中/ });
    await staffRow.getByText('马晓东（工号 M001），灵武市民政局').waitFor();
    await staffRow.getByText('差评 3 条 / 评价 5 条，差评率 60.0%').waitFor();
    await table.getByRole('row', { name: /单位差评率高、排名靠后/ }).getByText('差评率 60.0%（3/5），按差评率排名第 3 / 3 位').waitFor();
    await page.getByTestId('alerts-open').getByText('待处理 2 条').waitFor();

    const api = await sup.get('/supervision-alerts?kind=staff_bad_ratings');
    const alert = api.items[0];
    await staffRow.getByRole('button', { name: `处理预警 #${alert.id}` }).click();
    const dialog = page.getByRole('dialog', { name: '处理督办预警' });
    await dialog.getByLabel('处理情况').waitFor();
    await dialog.getByRole('button', { name: '处理', exact: true }).click();
    await dialog.getByText('请填写处理情况').waitFor();
    await dialog.getByLabel('处理情况').fill('已约谈民政局负责人，对该工作人员开展教育提醒');
    await dialog.getByRole('button', { name: '处理', exact: true }).click();
    await page.getByText('预警已处理').waitFor();
    await page.getByTestId('alerts-open').getByText('待处理 1 条').waitFor();
    await expect.poll(async () => table.getByRole('row', { name: /工作人员差评集中/ }).count()).toBe(0);
    await segment('已处理').click();
    await table.getByRole('row', { name: /工作人员差评集中/ }).getByText(/灵武市管办 于 .+ 处理：已约谈民政局负责人/).waitFor();
    const after = await sup.get(`/supervision-alerts/${alert.id}`);
    expect(after.acknowledged).toMatchObject({ byName: '灵武市管办', note: '已约谈民政局负责人，对该工作人员开展教育提醒' });
    // The office was told, with the unit's name and no staff member's.
    const notes = (await sup.get('/notifications')).items.filter((n: { kind: string }) => n.kind.startsWith('supervision.'));
    expect(notes).toHaveLength(2);
    expect(JSON.stringify(notes)).not.toContain('马晓东');
  });

  test('rating flags: the office reviews the identical texts and dismisses them with a reason', async () => {
    await open('rating-flags', '异常评价核查');
    const table = page.getByTestId('flags-table');
    const row = table.getByRole('row', { name: /不同办件相同评价文字/ });
    await row.getByText('灵武市民政局').waitFor();
    const [flag] = (await sup.get('/rating-flags?status=pending&detector=identical_text')).items;
    expect(flag.ratingCount).toBe(3);
    await row.getByRole('button', { name: `核查标记 #${flag.id}` }).click();
    const drawer = page.getByRole('dialog', { name: `异常评价标记 #${flag.id}` });
    await expect.poll(async () => drawer.getByRole('table', { name: '涉及的评价' }).locator('tbody tr[data-row-key]').count()).toBe(3);
    await drawer.getByText(SAME_TEXT).first().waitFor();
    expect(await drawer.textContent()).not.toContain('赵六');
    await drawer.getByRole('radio', { name: '排除疑点' }).check();
    await drawer.getByLabel('理由').fill('太短');
    await drawer.getByRole('button', { name: '提交核查结论' }).click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '至少 5 个字' }).waitFor();
    await drawer.getByLabel('理由').fill('电话回访三位评价人，均确认是本人真实评价');
    await drawer.getByRole('button', { name: '提交核查结论' }).click();
    await page.getByText('核查结论已保存').waitFor();
    await drawer.getByText(/已排除：电话回访三位评价人/).waitFor();
    expect((await sup.get(`/rating-flags/${flag.id}`)).flag).toMatchObject({ status: 'dismissed', reviewReason: '电话回访三位评价人，均确认是本人真实评价' });
  });
});
