import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.stop();
});

describe('public landing page', () => {
  test('is light, links to the console and the API docs, and is usable with the keyboard', async () => {
    const page = await e2e.context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(`${e2e.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: '政务服务“好差评”' }).waitFor();
    expect(await page.title()).toContain('好差评');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('link', { name: '登录管理后台' }).getAttribute('href')).toBe('/console');
    expect(await page.getByRole('link', { name: 'API 文档' }).getAttribute('href')).toBe('/api/docs');
    // Ant Design is only for the console.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => /antd|layout|login/.test(s))).toEqual([]);

    // Tab to the console link and follow it with Enter.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      // Expressions as strings: the tests are typechecked without the DOM library.
      if ((await page.evaluate<string | undefined>('document.activeElement?.textContent')) === '登录管理后台') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/console/login');
    await page.getByLabel('用户名').waitFor();
    await page.close();
  });

  test('the elder-friendly mode and the language are remembered', async () => {
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/`);
    const html = page.locator('html');
    const fontSize = () => page.evaluate<string>("getComputedStyle(document.querySelector('h1')).fontSize");
    const before = parseFloat(await fontSize());

    const toggle = page.getByRole('button', { name: '适老化模式' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await html.getAttribute('class')).toContain('hcp-elder');
    expect(parseFloat(await fontSize())).toBeGreaterThan(before * 1.2);
    await page.reload();
    expect(await html.getAttribute('class')).toContain('hcp-elder');
    await page.getByRole('button', { name: '适老化模式' }).click();
    expect(await html.getAttribute('class')).not.toContain('hcp-elder');

    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: /Haochaping/ }).waitFor();
    expect(await html.getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('link', { name: 'Staff console login' }).waitFor();
    expect(await html.getAttribute('lang')).toBe('en');
    await page.getByLabel('Language').selectOption('zh-CN');
    expect(await html.getAttribute('lang')).toBe('zh-CN');
    await page.close();
  });
});
