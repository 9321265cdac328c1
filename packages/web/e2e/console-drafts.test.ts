import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { endSessionOnServer as endSession, heading, submitLogin } from './console-helpers.ts';
import { adminApi, pushLingwuCase, seedLingwu, staffSession, startE2e, type E2e } from './harness.ts';

/**
 * Nothing typed is lost when the session ends: a form dialog whose save is answered 401 keeps what was
 * typed; after logging in again the console comes back to the page with the dialog open and the text
 * still there, and the save goes through. Also: a dialog opened a second time starts from that
 * opening's values (a radio group showed the last opening's choice and submitted another).
 */
let e2e: E2e;
let orderId: number;
const SUPERVISOR = { username: 'lw-office', password: 'Lingwu-Office-2026' };

beforeAll(async () => {
  e2e = await startE2e();
  const admin = adminApi(e2e.baseUrl);
  await admin.logIn(e2e.adminPassword);
  await pushLingwuCase(admin, await seedLingwu(admin), 'E2E-DRAFT-1', { name: '周八', phone: '13900000031' });
  await admin.post('/users', { username: SUPERVISOR.username, displayName: '灵武市管办', password: SUPERVISOR.password, role: 'supervisor', scopeRegionCode: '640181' });
  const office = await staffSession(e2e.baseUrl, SUPERVISOR);
  await office('POST', '/evaluations', { caseNo: 'E2E-DRAFT-1', channel: 'phone', level: 1, tags: ['101'], text: '态度冷漠' });
  const orders = await admin.get('/work-orders?limit=10');
  orderId = orders.items[0].id;
});

afterAll(async () => {
  await e2e?.stop();
});

async function logIn(page: Page, user = { username: 'admin', password: '' }) {
  await heading(page, '管理后台登录').waitFor();
  await submitLogin(page, user.username, user.password || e2e.adminPassword);
}

const endSessionOnServer = (page: Page) => endSession(page, e2e.baseUrl);

/** The drafts the tab keeps (form-draft.ts). */
const drafts = (page: Page) => page.evaluate(() => Object.keys((globalThis as unknown as { sessionStorage: object }).sessionStorage).filter((k) => k.startsWith('hcp-draft:')));

describe('console drafts', () => {
  test('a staff member’s edit: the save answered 401 → login → back in the dialog with the typed name → saved', async () => {
    await e2e.context.clearCookies();
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/console/staff`);
    await logIn(page);
    await heading(page, '工作人员').waitFor();
    await page.getByRole('button', { name: '编辑 马晓东' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑“马晓东”' });
    await dialog.getByLabel('姓名').fill('马晓东（已调岗）');
    await dialog.getByLabel('职务').fill('综合窗口负责人');

    await endSessionOnServer(page);
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/console/staff');
    await logIn(page);
    await page.waitForURL(`${e2e.baseUrl}/console/staff`);

    // The dialog is open again with what was typed, for the same staff member.
    await dialog.waitFor();
    expect(await dialog.getByLabel('姓名').inputValue()).toBe('马晓东（已调岗）');
    expect(await dialog.getByLabel('职务').inputValue()).toBe('综合窗口负责人');
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '编辑 马晓东（已调岗）' }).waitFor();
    expect(await drafts(page)).toEqual([]);

    // Opened again, the dialog shows the saved record, not the draft.
    await page.getByRole('button', { name: '编辑 马晓东（已调岗）' }).click();
    const again = page.getByRole('dialog', { name: '编辑“马晓东（已调岗）”' });
    expect(await again.getByLabel('职务').inputValue()).toBe('综合窗口负责人');
    await again.getByRole('button', { name: /取\s?消/ }).click();
    await page.close();
  });

  test('a work order step: the assignment typed before the session ended is there after login and is taken', async () => {
    await e2e.context.clearCookies();
    const page = await e2e.context.newPage();
    const path = `/console/work-orders/${orderId}`;
    await page.goto(`${e2e.baseUrl}${path}`);
    await logIn(page, SUPERVISOR);
    await heading(page, `工单 #${orderId}`).waitFor();
    await page.getByRole('button', { name: '分派承办人', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '分派承办人' });
    await dialog.getByRole('textbox').first().fill('由窗口负责人马晓东联系评价人核实');

    await endSessionOnServer(page);
    await dialog.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    await logIn(page, SUPERVISOR);
    await page.waitForURL(`${e2e.baseUrl}${path}`);

    await dialog.waitFor();
    expect(await dialog.getByRole('textbox').first().inputValue()).toBe('由窗口负责人马晓东联系评价人核实');
    await dialog.getByRole('button', { name: '提交', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已办理：分派承办人').waitFor();
    await page.getByText('由窗口负责人马晓东联系评价人核实').waitFor();
    expect(await drafts(page)).toEqual([]);
    await page.close();
  });

  test('a radio group opened a second time shows and submits that opening’s value', async () => {
    await e2e.context.clearCookies();
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/console/evaluations`);
    await logIn(page);
    await heading(page, '评价记录').waitFor();
    const formats: (string | null)[] = [];
    await page.route(/\/api\/evaluations\/export\?/, (route) => {
      formats.push(new URL(route.request().url()).searchParams.get('format'));
      return route.fulfill({ status: 200, body: 'x', headers: { 'content-disposition': 'attachment; filename="x.csv"' } });
    });
    const dialog = page.getByRole('dialog', { name: /导出评价数据/ });
    const exportWith = async (pick: 'CSV' | 'JSON' | null) => {
      await page.getByRole('button', { name: '导出', exact: true }).click();
      await dialog.waitFor();
      // Every opening starts with CSV, the value it was opened with.
      expect(await dialog.getByRole('radio', { name: 'CSV' }).isChecked()).toBe(true);
      expect(await dialog.getByRole('radio', { name: 'JSON' }).isChecked()).toBe(false);
      if (pick) await dialog.getByText(pick, { exact: true }).click();
      await dialog.getByLabel('评价日期').first().click();
      await page.keyboard.type('2026-11-01');
      await page.keyboard.press('Enter');
      await page.keyboard.type('2026-11-02');
      await page.keyboard.press('Enter');
      await dialog.getByText('格式').click();
      await dialog.getByRole('button', { name: '导出', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await exportWith('JSON');
    await exportWith(null);
    await exportWith('JSON');
    expect(formats).toEqual(['json', 'csv', 'json']);
    await page.close();
  });
});
