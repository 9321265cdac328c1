import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { adminApi, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e();
  page = await e2e.context.newPage();
});

afterAll(async () => {
  await e2e?.stop();
});

/** 2027 is past the bundled official calendar, so without an import its National Day is worked. */
const NATIONAL_DAY_2027 = [
  'date,type,name',
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2027-10-${d},休,国庆节`),
  '2027-10-09,班,国庆节补班',
  '',
].join('\r\n');

describe('importing a year into the working-day calendar', () => {
  test('upload a CSV, see the days it changes, confirm, and the year view shows them; the same file again changes nothing', async () => {
    const api = adminApi(e2e.baseUrl);
    await api.logIn(e2e.adminPassword);
    await page.goto(`${e2e.baseUrl}/console/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(e2e.adminPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^欢迎/ }).waitFor();
    await page.goto(`${e2e.baseUrl}/console/calendar`);
    await page.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();

    // The page opens on this year; step to 2027.
    const nextYear = page.getByRole('button', { name: '下一年' });
    for (let y = Number((await page.getByText(/^\d{4} 年$/).first().textContent())!.slice(0, 4)); y < 2027; y++) await nextYear.click();
    await page.getByRole('heading', { name: '2027 年工作日历' }).waitFor();
    const oct1 = page.locator('td[data-date="2027-10-01"]');
    expect(await oct1.getAttribute('data-working')).toBe('true');

    const importCard = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '导入全年安排' }) });
    await importCard.getByRole('button', { name: '下载 2027 年 CSV 模板' }).waitFor();
    await importCard.getByLabel('2027 年安排文件').setInputFiles({ name: '2027-国庆.csv', mimeType: 'text/csv', buffer: Buffer.from(NATIONAL_DAY_2027, 'utf8') });
    await importCard.getByRole('button', { name: '预览', exact: true }).click();
    await importCard.getByText('文件共 8 天：放假 7 天，上班 1 天；将改变 8 天').waitFor();
    const changes = importCard.getByRole('table', { name: '将要变化的日期' });
    const firstRow = changes.getByRole('row').filter({ hasText: '2027-10-01' });
    expect(await firstRow.textContent()).toContain('休息日 · 国庆节');
    expect(await changes.getByRole('row').filter({ hasText: '2027-10-09' }).textContent()).toContain('工作日 · 国庆节补班');
    // Nothing is applied by the preview.
    expect(await oct1.getAttribute('data-working')).toBe('true');

    await importCard.getByRole('button', { name: '确认导入 2027 年安排' }).click();
    await importCard.getByText('已导入为第 1 版，8 天发生变化').waitFor();
    await page.locator('td[data-date="2027-10-01"][data-working="false"]').waitFor();
    expect(await oct1.getAttribute('aria-label')).toContain('国庆节');
    expect(await page.locator('td[data-date="2027-10-09"]').getAttribute('data-working')).toBe('true');
    const versions = await api.get('/calendar/national/versions');
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1]);

    // The same file again: the preview says there is nothing to import, and offers no confirm.
    await importCard.getByLabel('2027 年安排文件').setInputFiles({ name: '2027-国庆.csv', mimeType: 'text/csv', buffer: Buffer.from(NATIONAL_DAY_2027, 'utf8') });
    await importCard.getByRole('button', { name: '预览', exact: true }).click();
    await importCard.getByText('日历已与文件一致，无需导入。').waitFor();
    expect(await importCard.getByRole('button', { name: '确认导入 2027 年安排' }).count()).toBe(0);

    // A bad file: every problem with its row and field, nothing applied.
    await importCard.getByLabel('2027 年安排文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,type,name\r\n2026-10-01,休,国庆节\r\n2027-10-08,上午,\r\n', 'utf8') });
    await importCard.getByRole('button', { name: '预览', exact: true }).click();
    await importCard.getByRole('alert').filter({ hasText: '文件有 2 处问题' }).waitFor();
    const problems = importCard.getByRole('table', { name: '文件中的问题' });
    expect(await problems.getByRole('row').filter({ hasText: '2026-10-01 is not in 2027' }).textContent()).toMatch(/^2date/);
    expect(await problems.getByRole('row').filter({ hasText: 'must be 休 or 班' }).textContent()).toMatch(/^3type/);
  });
});
