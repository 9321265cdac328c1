import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleUi } from './console-helpers.ts';
import { adminApi, minutesAgo, screenshotPath, seedLingwu, staffSession, startE2e, type E2e, type SessionCall } from './harness.ts';

/**
 * The console's supervision pages as a county's management office uses them: a report (通报)
 * generated on demand and downloaded as PDF and XLSX; a mass-evaluation campaign (群众评议) created,
 * its object set, a questionnaire result entered and the score shown as the API computes it; a
 * 监督查评 sample drawn with a seed and a revisit call recorded.
 */
let e2e: E2e;
let page: Page;
let asSupervisor: SessionCall;
const SUPERVISOR = { username: 'lw-sv-supervisor', password: 'Lingwu-Supervise-2026' };
const world = { mz: 0 };
const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const { logIn, open } = consoleUi(() => ({ page, baseUrl: e2e.baseUrl }));

beforeAll(async () => {
  e2e = await startE2e();
  const admin = adminApi(e2e.baseUrl);
  await admin.logIn(e2e.adminPassword);
  const { unitId, apiKey } = await seedLingwu(admin);
  world.mz = unitId;
  await admin.post('/users', { username: SUPERVISOR.username, displayName: '灵武市管办', password: SUPERVISOR.password, role: 'supervisor', scopeRegionCode: '640181' });
  asSupervisor = await staffSession(e2e.baseUrl, SUPERVISOR);
  // Three evaluators with phones rated by 12345 this month: the population of a 监督查评 sample.
  for (const [i, level] of [5, 4, 3].entries()) {
    await admin.post(
      '/integration/cases',
      {
        caseNo: `SV-${i}`, itemCode: 'LW-ITEM-1', unitCode: 'LW-MZJ', channel: 'offline',
        applicant: { type: 1, name: '李四', phone: `1370000000${i}` },
        stages: [{ stage: 'received', at: minutesAgo(90) }, { stage: 'completed', at: minutesAgo(10) }],
      },
      { authorization: `Bearer ${apiKey}` },
    );
    await asSupervisor('POST', '/evaluations', { caseNo: `SV-${i}`, channel: 'phone', level, realName: true });
  }
  page = await e2e.context.newPage();
  await logIn(SUPERVISOR.username, SUPERVISOR.password);
});

afterAll(async () => {
  await e2e?.stop();
});

/** Picks 灵武市 in the region select of the form with this id (it searches the server). */
async function chooseRegion(formId: string) {
  const box = page.locator(`#${formId}_regionCode`);
  await box.click();
  await box.fill('灵武');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '灵武市' }).first().click();
}

async function downloaded(click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-e2e-dl-')), download.suggestedFilename());
  await download.saveAs(file);
  return fs.readFileSync(file);
}

describe('console supervision pages', () => {
  test('通报报告: generate this month’s report on demand, wait for it, download PDF and XLSX', async () => {
    await open('reports', '通报报告');
    const month = beijingToday().slice(0, 7);
    await chooseRegion('report-generate');
    await page.locator('#report-generate_period').fill(month);
    await page.locator('#report-generate').getByRole('button', { name: '生成报告' }).click();
    await page.getByRole('status').filter({ hasText: '已加入生成队列' }).first().waitFor();
    // The list refreshes itself until the worker has generated it.
    const row = page.getByRole('row', { name: new RegExp(month) });
    await row.locator('[data-status="ready"]').waitFor({ timeout: 60_000 });
    const pdf = await downloaded(() => row.getByRole('button', { name: `下载 PDF 灵武市 ${month}` }).click());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await downloaded(() => row.getByRole('button', { name: `下载 XLSX 灵武市 ${month}` }).click());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    // Asking again for the same period shows the one there is.
    await page.locator('#report-generate').getByRole('button', { name: '生成报告' }).click();
    await page.getByRole('status').filter({ hasText: '该报告已存在：已生成' }).first().waitFor();
  });

  test('群众评议: create a campaign, set its object, enter a result and see the score the API computes', async () => {
    await open('campaigns', '群众评议');
    const year = Number(beijingToday().slice(0, 4));
    await page.getByRole('button', { name: '新建评议' }).click();
    const dialog = page.getByRole('dialog', { name: '新建评议' });
    await chooseRegion('campaign-create');
    await dialog.locator('#campaign-create_year').fill(String(year));
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { level: 2, name: `${year}年灵武市群众评议机关作风测评` }).waitFor();
    const campaignId = Number(new URL(page.url()).searchParams.get('id'));
    expect(new URL(page.url()).searchParams.get('tab')).toBe('objects');

    await page.getByRole('button', { name: '设置评议对象' }).click();
    await page.getByRole('button', { name: '添加对象' }).click();
    const object = page.getByLabel('评议对象 1', { exact: true });
    await object.click();
    await object.fill('民政');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '灵武市民政局' }).first().click();
    await page.locator('#campaign-objects').getByRole('button', { name: '保存' }).click();
    await page.getByRole('table', { name: '评议对象' }).getByRole('cell', { name: '灵武市民政局' }).waitFor();

    await page.getByRole('tab', { name: '评议结果' }).click();
    await page.getByRole('button', { name: '录入结果' }).click();
    const entry = page.getByRole('dialog', { name: '录入结果' });
    await entry.locator('#campaign-input_date').click();
    await entry.locator('#campaign-input_date').fill(beijingToday());
    await entry.locator('#campaign-input_date').press('Enter');
    await entry.locator('#campaign-input_count').fill('3');
    await entry.getByRole('button', { name: '保存' }).click();
    await page.getByRole('table', { name: '评议结果' }).getByRole('cell', { name: '问卷调查' }).waitFor();

    await page.getByRole('tab', { name: '得分' }).click();
    const scores = await asSupervisor<{ objects: { orgId: number; year: number | null; quarters: ({ total: number; channels: { questionnaire: { n: number } } } | null)[] }[] }>('GET', `/campaigns/${campaignId}/scores`);
    const mine = scores.objects.find((o) => o.orgId === world.mz)!;
    expect(mine.quarters.some((q) => q?.channels.questionnaire.n === 3)).toBe(true);
    const row = page.getByRole('row', { name: /灵武市民政局/ });
    expect(await row.locator('[data-year-score]').innerText()).toBe(mine.year!.toFixed(2));
    // A clean picture: no toast, no dialog fading out, nothing loading.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshotPath('console-campaigns.png') });
    const pdf = await downloaded(() => row.getByRole('button', { name: '报告 PDF 灵武市民政局' }).click());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('监督查评: draw a seeded sample, record a revisit call, see the result', async () => {
    await open('revisit-sampling', '监督查评');
    const month = beijingToday().slice(0, 7);
    await chooseRegion('revisit-draw');
    await page.locator('#revisit-draw_period').fill(month);
    await page.locator('#revisit-draw_size').fill('2');
    await page.locator('#revisit-draw_seed').fill('e2e-seed');
    await page.locator('#revisit-draw').getByRole('button', { name: '预览' }).click();
    await page.getByRole('status').filter({ hasText: '将从 3 位评价人中抽取 2 位（种子 e2e-seed）' }).waitFor();
    await page.locator('#revisit-draw').getByRole('button', { name: '抽取样本' }).click();
    await page.getByRole('status').filter({ hasText: '已抽取 2 位评价人（种子 e2e-seed）' }).first().waitFor();

    const tasks = page.getByRole('table', { name: '回访任务' });
    await tasks.getByRole('cell', { name: '待回访' }).first().waitFor();
    expect(await tasks.locator('tbody tr.ant-table-row').count()).toBe(2);
    // Phones are masked on the operators' list.
    expect(await tasks.innerText()).toMatch(/137\*\*\*\*000[0-2]/);
    const first = tasks.locator('tbody tr.ant-table-row').first();
    const caseNo = await first.locator('td').first().innerText();
    await first.getByRole('button', { name: `记录回访 ${caseNo}` }).click();
    const dialog = page.getByRole('dialog', { name: `记录回访：${caseNo}` });
    await dialog.getByRole('radio', { name: '满意', exact: true }).check();
    await dialog.getByLabel('回访记录').fill('评价人表示满意');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: new RegExp(caseNo) }).getByRole('cell', { name: '已回访' }).waitFor();

    const results = page.locator('.ant-card').filter({ hasText: '复核抽样' });
    await results.getByRole('button', { name: '复核抽样' }).click();
    await page.getByRole('status').filter({ hasText: '用种子 e2e-seed 重新抽取：结果一致' }).waitFor();
    const { items } = await asSupervisor<{ items: { id: number }[] }>('GET', '/revisit-samples');
    const sample = await asSupervisor<{ results: { reached: number; bySatisfaction: Record<string, number> } }>('GET', `/revisit-samples/${items[0]!.id}`);
    expect(sample.results).toMatchObject({ reached: 1, bySatisfaction: { 4: 1 } });
  });
});
