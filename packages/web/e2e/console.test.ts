import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { heading, mainMenu, pathOf, submitLogin } from './console-helpers.ts';
import { screenshotPath, startE2e, type E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.stop();
});

describe('staff console', () => {
  test('log in, reload, go back and forward, lose the session, log out', async () => {
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/console`);
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(pathOf(page)).toBe('/console/login?next=%2Fconsole');
    await heading(page, '管理后台登录').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: screenshotPath('login.png') });

    // A wrong password is refused with the message for LOGIN_FAILED.
    await submitLogin(page, 'admin', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    expect(pathOf(page)).toBe('/console/login?next=%2Fconsole');

    await submitLogin(page, 'admin', e2e.adminPassword);
    await page.waitForURL(`${e2e.baseUrl}/console`);
    await heading(page, '欢迎，系统管理员').waitFor();
    const userBox = page.getByLabel('当前用户');
    expect(await userBox.textContent()).toContain('系统管理员');
    expect(await page.getByText('全部（不限区划和单位）').count()).toBe(1);
    // A system administrator's menu has every section.
    for (const item of ['首页', '行政区划', '用户管理', '接口集成', '审计日志']) {
      await mainMenu(page).getByRole('link', { name: item }).waitFor();
    }
    await page.screenshot({ path: screenshotPath('console-home.png') });

    // The session survives a reload.
    await page.reload();
    await heading(page, '欢迎，系统管理员').waitFor();
    expect(pathOf(page)).toBe('/console');

    // Deep links and the back and forward buttons.
    await mainMenu(page).getByRole('link', { name: '用户管理' }).click();
    await page.waitForURL(`${e2e.baseUrl}/console/users`);
    await heading(page, '用户管理').waitFor();
    await page.goBack();
    await page.waitForURL(`${e2e.baseUrl}/console`);
    await heading(page, '欢迎，系统管理员').waitFor();
    await page.goForward();
    await heading(page, '用户管理').waitFor();
    await page.goto(`${e2e.baseUrl}/console/no-such-page`);
    await heading(page, '页面不存在').waitFor();

    // A lost session (cookie gone) sends the next navigation to login, and login comes back to it.
    await e2e.context.clearCookies();
    await page.goto(`${e2e.baseUrl}/console`).catch(() => undefined);
    await page.waitForURL((u) => u.pathname === '/console/login');
    await page.goto(`${e2e.baseUrl}/console/audit`);
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(pathOf(page)).toBe('/console/login?next=%2Fconsole%2Faudit');
    await submitLogin(page, 'admin', e2e.adminPassword);
    await page.waitForURL(`${e2e.baseUrl}/console/audit`);
    await heading(page, '审计日志').waitFor();
    await e2e.context.clearCookies();
    await mainMenu(page).getByRole('link', { name: '首页' }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(pathOf(page)).toBe('/console/login?next=%2Fconsole');
    await submitLogin(page, 'admin', e2e.adminPassword);
    await heading(page, '欢迎，系统管理员').waitFor();

    // Log out; going back does not show the console again.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect((await e2e.context.cookies()).some((c) => c.name === 'hcp_session')).toBe(false);
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/console/login');
    await heading(page, '管理后台登录').waitFor();
    await page.close();
  });

  test('the menu follows the role: a clerk has no user management and a regional data scope', async () => {
    const page = await e2e.context.newPage();
    const api = page.request;
    const login = await api.post(`${e2e.baseUrl}/api/auth/login`, { data: { username: 'admin', password: e2e.adminPassword } });
    expect(login.status()).toBe(200);
    expect((await api.post(`${e2e.baseUrl}/api/regions`, { data: { code: '110000', name: '北京市' } })).status()).toBe(200);
    const created = await api.post(`${e2e.baseUrl}/api/users`, {
      data: { username: 'clerk1', displayName: '王小明', password: 'clerk-Pass-2024', role: 'clerk', scopeRegionCode: '110000' },
    });
    expect(created.status(), await created.text()).toBe(201);
    await api.post(`${e2e.baseUrl}/api/auth/logout`);

    await page.goto(`${e2e.baseUrl}/console/login`);
    await submitLogin(page, 'clerk1', 'clerk-Pass-2024');
    await heading(page, '欢迎，王小明').waitFor();
    expect(await page.getByLabel('当前用户').textContent()).toContain('窗口工作人员');
    await page.getByText('区划：北京市').waitFor();
    await mainMenu(page).getByRole('link', { name: '行政区划' }).waitFor();
    expect(await mainMenu(page).getByRole('link', { name: '用户管理' }).count()).toBe(0);
    expect(await mainMenu(page).getByRole('link', { name: '审计日志' }).count()).toBe(0);
    await page.goto(`${e2e.baseUrl}/console/users`);
    await heading(page, '没有权限').waitFor();

    // English, remembered across a reload, with the role name in English.
    await page.goto(`${e2e.baseUrl}/console`);
    await page.getByRole('radio', { name: 'English' }).check({ force: true }).catch(() => page.getByText('English', { exact: true }).click());
    await heading(page, 'Welcome, 王小明').waitFor();
    await page.reload();
    await heading(page, 'Welcome, 王小明').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Current user').textContent()).toContain('Window clerk');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    await page.close();
  });
});
