import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { endSessionOnServer as endSession, heading, mainMenu, pathOf, submitLogin } from './console-helpers.ts';
import { startE2e, type E2e } from './harness.ts';

/**
 * Sessions in the console: a deep link survives the detour through login; a session the server
 * ended (logged out elsewhere, expired) sends the next action — a navigation or a request made on
 * the page — to login and back to the page; the back button walks the pages visited; a failed
 * request says what failed and offers a retry.
 */
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.stop();
});

async function logIn(page: Page) {
  await heading(page, '管理后台登录').waitFor();
  await submitLogin(page, 'admin', e2e.adminPassword);
}

/** Ends the browser's session on the server (the cookie stays), and checks the server refuses it now. */
async function endSessionOnServer(page: Page) {
  const session = await endSession(page, e2e.baseUrl);
  const me = await fetch(`${e2e.baseUrl}/api/auth/me`, { headers: { cookie: `hcp_session=${session}` } });
  expect(me.status).toBe(401);
}

describe('console sessions', () => {
  test('a deep link with its query goes through login and comes back to the same address', async () => {
    const page = await e2e.context.newPage();
    const deepLink = '/console/audit?action=auth.login&from=bookmark';
    await page.goto(`${e2e.baseUrl}${deepLink}`);
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(deepLink);
    await logIn(page);
    await page.waitForURL((u) => u.pathname === '/console/audit');
    expect(pathOf(page)).toBe(deepLink);
    await heading(page, '审计日志').waitFor();

    // The back button walks the console's pages in the order they were visited.
    for (const name of ['用户管理', '行政区划']) {
      await mainMenu(page).getByRole('link', { name, exact: true }).click();
      await heading(page, name).waitFor();
    }
    await page.goBack();
    await heading(page, '用户管理').waitFor();
    expect(pathOf(page)).toBe('/console/users');
    await page.goBack();
    await heading(page, '审计日志').waitFor();
    expect(pathOf(page)).toBe(deepLink);
    await page.goForward();
    await heading(page, '用户管理').waitFor();
    await page.close();
  });

  test('a session ended on the server: the next click goes to login and back to where it led', async () => {
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/console/users`);
    await heading(page, '用户管理').waitFor();
    await endSessionOnServer(page);
    await mainMenu(page).getByRole('link', { name: '工作人员', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(pathOf(page)).toBe('/console/login?next=%2Fconsole%2Fstaff');
    await logIn(page);
    await page.waitForURL(`${e2e.baseUrl}/console/staff`);
    await heading(page, '工作人员').waitFor();
    await page.close();
  });

  test('a failed request says what failed and offers a retry; a retry after the session ended goes to login and back', async () => {
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/console`);
    await heading(page, /^欢迎/).waitFor();
    // The staff list fails once: the page says so and offers to try again.
    await page.route(/\/api\/staff\?/, (route) => route.fulfill({ status: 503, body: '' }), { times: 1 });
    await mainMenu(page).getByRole('link', { name: '工作人员', exact: true }).click();
    await page.waitForURL(`${e2e.baseUrl}/console/staff`);
    const failed = page.getByRole('alert').filter({ hasText: '工作人员加载失败' });
    await failed.getByRole('button', { name: '重试' }).waitFor();

    // Meanwhile the session ended: the retry is answered 401, and the console goes to login.
    await endSessionOnServer(page);
    await failed.getByRole('button', { name: '重试' }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(pathOf(page)).toBe('/console/login?next=%2Fconsole%2Fstaff');
    await logIn(page);
    await page.waitForURL(`${e2e.baseUrl}/console/staff`);
    await heading(page, '工作人员').waitFor();
    // Back at the page, its list loads this time.
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '加载失败' }).count()).toBe(0);
    await page.close();
  });
});
