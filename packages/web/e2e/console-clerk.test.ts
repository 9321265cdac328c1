import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createContainer } from '../../server/src/container.ts';
import { createDatabase } from '../../server/src/db/database.ts';
import { ephemeralKeyring } from '../../server/src/security/key-store.ts';
import { PiiCipher } from '../../server/src/security/pii-cipher.ts';
import { systemCtx } from '../../server/src/services/actor.ts';
import { adminApi, ensureWebBuild, launchBrowser, minutesAgo, startServer, type Browser, type RunningServer } from './harness.ts';

/**
 * A window clerk's own console: the home shows their window, their ratings and the work orders about
 * them; the work-order list holds only their own orders; on an order they upload evidence and appeal
 * the bad rating in writing (复核申诉), which the management office then finds among its requests to
 * decide. A clerk sees a rating only once the policy's delay (24 hours) has passed, so the two bad
 * ratings are recorded on the stopped server's data as given 26 hours ago, and the server starts again.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
let ownOrder: number;
let colleagueOrder: number;
const USERS = {
  clerk: { username: 'lw-clerk', password: 'Lingwu-Clerk-2026' },
  office: { username: 'lw-office', password: 'Lingwu-Office-2026' },
};
// The smallest valid PNG: the server recognises an attachment by its content, not its name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const REASON = '评价人办理时表示满意，差评系误操作，附当日窗口录像截图';

/** 灵武市民政局 with a window, the clerk and a colleague, and one completed case of each, finished 27 hours ago. */
async function seed(s: RunningServer): Promise<number[]> {
  const admin = adminApi(s.baseUrl);
  await admin.logIn(s.adminPassword);
  await admin.post('/regions', [{ code: '640000', name: '宁夏回族自治区' }, { code: '640100', name: '银川市', parentCode: '640000' }, { code: '640181', name: '灵武市', parentCode: '640100' }]);
  const unit = await admin.post('/organisations', { regionCode: '640181', kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
  const hall = await admin.post('/organisations', { regionCode: '640181', kind: 'hall', name: '灵武市政务服务大厅' });
  const window = await admin.post('/organisations', { regionCode: '640181', kind: 'window', parentId: hall.id, code: 'A01', name: 'A01 综合窗口' });
  const clerk = await admin.post('/staff', { unitId: unit.id, employeeNo: 'E001', name: '马晓东', windowIds: [window.id] });
  await admin.post('/staff', { unitId: unit.id, employeeNo: 'E002', name: '李晓梅', windowIds: [window.id] });
  await admin.post('/service-items', { code: 'LW-ITEM-1', name: '最低生活保障审批', itemType: 'public_service', promisedDays: 5, ownerUnitId: unit.id, regionCode: '640181' });
  const { apiKey } = await admin.post('/integrations', { name: '灵武民政审批系统', unitIds: [unit.id] });
  const cases: number[] = [];
  for (const [caseNo, employeeNo] of [['E2E-CLERK-OWN', 'E001'], ['E2E-CLERK-COLLEAGUE', 'E002']] as const) {
    const c = await admin.post(
      '/integration/cases',
      {
        caseNo, itemCode: 'LW-ITEM-1', unitCode: 'LW-MZJ', windowId: window.id, staffEmployeeNo: employeeNo, channel: 'offline',
        applicant: { type: 1, name: '周八', phone: '13900000041' },
        stages: [{ stage: 'received', at: minutesAgo(28 * 60) }, { stage: 'completed', at: minutesAgo(27 * 60) }],
      },
      { authorization: `Bearer ${apiKey}` },
    );
    cases.push(c.id);
  }
  await admin.post('/users', { username: USERS.clerk.username, displayName: '马晓东', password: USERS.clerk.password, role: 'clerk', scopeOrgId: unit.id, staffId: clerk.id });
  await admin.post('/users', { username: USERS.office.username, displayName: '灵武市管办', password: USERS.office.password, role: 'supervisor', scopeRegionCode: '640181' });
  return cases;
}

/** The evaluators' bad ratings at the window's device, 26 hours ago, on the stopped server's data; answers the orders they opened. */
async function rateDayBefore(s: RunningServer, cases: number[]): Promise<number[]> {
  const db = createDatabase({ databaseUrl: s.db.url, dataDir: path.join(s.dataDir, 'pglite') });
  try {
    const c = createContainer({ db, cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const orders: number[] = [];
    for (const caseId of cases) {
      const r = await c.services.evaluations.record(systemCtx('e2e'), { caseId, channel: 'device', level: 1, tags: ['101'], at: new Date(Date.now() - 26 * 3_600_000) });
      orders.push((await c.repos.workOrders.findByEvaluation(r.id))!.id);
    }
    return orders;
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  await ensureWebBuild();
  const first = await startServer();
  try {
    const cases = await seed(first);
    await first.halt();
    [ownOrder, colleagueOrder] = (await rateDayBefore(first, cases)) as [number, number];
  } catch (e) {
    await first.stop();
    throw e;
  }
  server = await startServer(first);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logInAs(user: keyof typeof USERS) {
  await browser.context.clearCookies();
  await page.goto(`${server.baseUrl}/console/login`);
  await page.getByLabel('用户名').fill(USERS[user].username);
  await page.getByLabel('密码', { exact: true }).fill(USERS[user].password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^欢迎/ }).waitFor();
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is now: no serious or critical violation (as e2e/accessibility.test.ts checks the other pages). */
async function expectAccessible(label: string) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  const serious = await page.evaluate(async () => {
    const g = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } };
    const result = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(serious, `${label}: serious/critical axe violations`).toEqual([]);
}

const card = (title: string) => page.locator('.ant-card', { has: page.getByRole('heading', { name: title, exact: true }) });
const menu = () => page.getByRole('navigation', { name: '主菜单' });

describe('a window clerk’s console', () => {
  test('home: their window, their ratings after the delay, the order about them', async () => {
    await logInAs('clerk');
    await card('我的窗口').getByText('A01 综合窗口').waitFor();
    expect(await card('我的窗口').innerText()).toContain('马晓东（E001）');
    await card('我的评价（近 30 天）').getByText('评价数').waitFor();
    const orders = card('关于我的整改工单');
    await orders.getByRole('link', { name: `打开工单 #${ownOrder}` }).waitFor();
    expect(await orders.getByRole('link', { name: `打开工单 #${colleagueOrder}` }).count()).toBe(0);
    // Their menu: their work orders, no ranking, no requests to decide, no real-name report.
    for (const name of ['整改工单', '统计分析']) await menu().getByRole('link', { name, exact: true }).waitFor();
    for (const name of ['申请审批', '实名差评跟踪']) expect(await menu().getByRole('link', { name, exact: true }).count()).toBe(0);
    await expectAccessible('clerk home');
  });

  test('the list holds their own order only; they attach a PNG and appeal in writing; the office finds the appeal', { timeout: 120_000 }, async () => {
    await menu().getByRole('link', { name: '整改工单', exact: true }).click();
    await page.waitForURL(`${server.baseUrl}/console/work-orders`);
    await page.getByRole('row', { name: /E2E-CLERK-OWN/ }).waitFor();
    expect(await page.getByRole('row', { name: /E2E-CLERK-COLLEAGUE/ }).count()).toBe(0);
    await page.getByRole('row', { name: /E2E-CLERK-OWN/ }).getByRole('link', { name: `打开工单 #${ownOrder}` }).click();
    await page.getByRole('heading', { level: 1, name: `工单 #${ownOrder}` }).waitFor();

    // Only what a clerk may do: appeal; no step of the unit's handling.
    await expectAccessible('clerk work order');
    const actions = page.locator('.ant-card', { has: page.getByRole('heading', { name: '办理', exact: true }) });
    expect(await actions.getByRole('button', { name: '分派承办人', exact: true }).count()).toBe(0);
    await actions.getByRole('button', { name: '复核申诉', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '复核申诉' });
    await dialog.getByRole('textbox').first().fill(REASON);
    await dialog.locator('input[type=file]').setInputFiles({ name: '窗口录像截图.png', mimeType: 'image/png', buffer: PNG });
    await dialog.getByText('已上传 窗口录像截图.png').waitFor();
    await dialog.getByRole('button', { name: '提交', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已提交复核申诉').waitFor();
    const requests = page.getByRole('table', { name: '申请与审批' });
    await requests.getByText(REASON).waitFor();
    await page.locator('.ant-card', { has: page.getByRole('heading', { name: '附件', exact: true }) }).getByText('窗口录像截图.png').first().waitFor();

    // A colleague's order is not theirs to open.
    await page.goto(`${server.baseUrl}/console/work-orders/${colleagueOrder}`);
    await page.getByRole('alert').filter({ hasText: `工单 #${colleagueOrder}` }).waitFor();

    await logInAs('office');
    await menu().getByRole('link', { name: '申请审批', exact: true }).click();
    await page.waitForURL(`${server.baseUrl}/console/work-order-requests`);
    const row = page.getByRole('row', { name: new RegExp(REASON) });
    await row.waitFor();
    expect(await row.innerText()).toContain('复核申诉');
  });
});
