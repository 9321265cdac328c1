import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { adminApi, minutesAgo, screenshotPath, seedLingwu, staffSession, startE2e, type E2e, type SessionCall } from './harness.ts';

/**
 * The public disclosure portal (/public, 公开) as a citizen uses it, no login: the landing page links
 * to it; a county's page shows the figures the public API gives and its units ranked; a unit's page
 * shows a published bad rating with the unit's reply and the rating masked — no name, phone or case
 * number anywhere in the HTML; search finds units and service items; the ranking method is published.
 */
let e2e: E2e;
let page: Page;
let asSupervisor: SessionCall;
const SUPERVISOR = { username: 'lw-pp-supervisor', password: 'Lingwu-Portal-2026' };
const world = { mz: 0, ga: 0, order: 0 };
const SECRET = { name: '张三丰', phone: '13912345678', caseNo: 'PP-MZ-BAD', staff: '马晓东' };

const publicApi = async <T = Record<string, unknown>>(path: string): Promise<T> => {
  const res = await fetch(`${e2e.baseUrl}/api${path}`);
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

beforeAll(async () => {
  e2e = await startE2e();
  const admin = adminApi(e2e.baseUrl);
  await admin.logIn(e2e.adminPassword);
  const county = await seedLingwu(admin);
  const ga = await admin.post('/organisations', { regionCode: '640181', kind: 'unit', code: 'LW-GAJ', name: '灵武市公安局' });
  Object.assign(world, { mz: county.unitId, ga: ga.id });
  await admin.post('/service-items', { code: 'LW-ITEM-2', name: '户口迁移', itemType: 'public_service', promisedDays: 3, ownerUnitId: ga.id, regionCode: '640181' });
  const mzKey = county.apiKey;
  const gaKey = (await admin.post('/integrations', { name: '灵武公安审批系统', unitIds: [ga.id] })).apiKey as string;
  const push = (key: string, caseNo: string, itemCode: string, unitCode: string, phone: string) =>
    admin.post(
      '/integration/cases',
      {
        caseNo, itemCode, unitCode, channel: 'offline', ...(unitCode === 'LW-MZJ' ? { windowId: county.windowId, staffEmployeeNo: 'E001' } : {}),
        applicant: { type: 1, name: SECRET.name, phone },
        stages: [{ stage: 'received', at: minutesAgo(90) }, { stage: 'accepted', at: minutesAgo(80) }, { stage: 'completed', at: minutesAgo(10) }],
      },
      { authorization: `Bearer ${key}` },
    );
  await admin.post('/users', { username: SUPERVISOR.username, displayName: '灵武市管办', password: SUPERVISOR.password, role: 'supervisor', scopeRegionCode: '640181' });
  asSupervisor = await staffSession(e2e.baseUrl, SUPERVISOR);

  // The county ranks small volumes and publishes from two ratings, so a handful of ratings make a ranking.
  const { policy } = await asSupervisor<{ policy: Record<string, unknown> & { publication: object } }>('GET', '/evaluation-policies/640181');
  await asSupervisor('POST', '/evaluation-policies/640181', { policy: { ...policy, ranking: { minVolume: 2, priorWeight: 2 }, publication: { ...policy.publication, minVolume: 2 } }, note: '小样本排名' });

  // 12345 calls entered by the office: 民政局 5 5 4 3 and one real-name bad rating; 公安局 5 4.
  const rate = (caseNo: string, level: number, extra: Record<string, unknown> = {}) => asSupervisor('POST', '/evaluations', { caseNo, channel: 'phone', level, ...extra });
  for (const [i, level] of [5, 5, 4, 3].entries()) {
    await push(mzKey, `PP-MZ-${i}`, 'LW-ITEM-1', 'LW-MZJ', `1390000000${i}`);
    await rate(`PP-MZ-${i}`, level);
  }
  for (const [i, level] of [5, 4].entries()) {
    await push(gaKey, `PP-GA-${i}`, 'LW-ITEM-2', 'LW-GAJ', `1390000001${i}`);
    await rate(`PP-GA-${i}`, level);
  }
  await push(mzKey, SECRET.caseNo, 'LW-ITEM-1', 'LW-MZJ', SECRET.phone);
  await rate(SECRET.caseNo, 1, { tags: ['101'], text: `我叫${SECRET.name}，电话${SECRET.phone}，窗口推诿`, realName: true });
  const { items } = await asSupervisor<{ items: { id: number }[] }>('GET', '/work-orders?state=opened');
  world.order = items[0]!.id;
  for (const action of ['assign', 'verify', 'decide_fix_now', 'rectify']) await asSupervisor('POST', `/work-orders/${world.order}/actions`, { action, text: `${action}：${SECRET.staff}` });
  await asSupervisor('POST', `/work-orders/${world.order}/actions`, { action: 'feedback', text: '已约谈窗口人员并当面致歉' });
  await asSupervisor('POST', `/work-orders/${world.order}/actions`, { action: 'revisit_unsatisfied', text: '仍不满意' });
  for (const action of ['verify', 'decide_fix_now', 'rectify']) await asSupervisor('POST', `/work-orders/${world.order}/actions`, { action, text: action });
  await asSupervisor('POST', `/work-orders/${world.order}/actions`, { action: 'feedback', text: '第二次整改' });
  await asSupervisor('POST', `/work-orders/${world.order}/actions`, { action: 'revisit_unsatisfied', text: '还是不满意' });
  await asSupervisor('PUT', `/work-orders/${world.order}/public-reply`, { text: '已明确首问负责制，窗口不再推诿。' });
  page = await e2e.context.newPage();
});

afterAll(async () => {
  await e2e?.stop();
});

const zhPercent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });
const zhScore = (v: number) => `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} 分`;

interface Figures {
  volume: number;
  satisfaction?: number | null;
  badRate?: number | null;
  goodRate?: number | null;
  levelCounts?: Record<string, number>;
}

/** The page shows a tile per published figure with the API's value, formatted as the portal formats it. */
async function expectFigures(f: Figures) {
  const tile = (name: string) => page.locator(`[data-figure="${name}"] dd`).first();
  expect(await tile('volume').innerText()).toBe(`${f.volume} 条`);
  expect(await tile('satisfaction').innerText()).toBe(zhScore(f.satisfaction!));
  expect(await tile('badRate').innerText()).toBe(zhPercent.format(f.badRate!));
  expect(await tile('goodRate').innerText()).toBe(zhPercent.format(f.goodRate!));
  for (const level of [5, 4, 3, 2, 1]) {
    expect(await page.locator(`.pp-bar[data-level="${level}"] .pp-bar-value`).first().innerText()).toMatch(new RegExp(`^${f.levelCounts![level]} 条`));
  }
}

describe('the public disclosure portal (公开)', () => {
  test('the landing page links to it; the county page shows the public API’s figures and ranks its units', async () => {
    await page.goto(`${e2e.baseUrl}/`);
    await page.getByRole('link', { name: '评价结果公开' }).click();
    await page.waitForURL(`${e2e.baseUrl}/public`);
    await page.getByRole('heading', { level: 1, name: '评价结果公开' }).waitFor();
    // Down the region tree with the picker's links.
    for (const name of ['宁夏回族自治区', '银川市', '灵武市']) await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '灵武市 · 评价结果公开' }).waitFor();
    expect(new URL(page.url()).searchParams.get('region')).toBe('640181000000');

    const o = await publicApi<{ totals: Figures; units: { id: number; name: string; rank: number | null; figures: Figures }[] }>('/public/disclosure/overview?regionCode=640181');
    expect(o.totals.volume).toBe(7);
    await expectFigures(o.totals);
    // The best-ranked units in the API's order, each with its satisfaction.
    const rows = page.locator('#pp-top tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    for (const [i, u] of o.units.entries()) {
      const row = rows.nth(i);
      expect(await row.locator('th').innerText()).toBe(u.name);
      expect(await row.locator('td').first().innerText()).toBe(String(u.rank));
      expect(await row.locator('[data-figure="satisfaction"]').innerText()).toBe(zhScore(u.figures.satisfaction!));
    }
    expect(o.units.map((u) => u.name)).toEqual(['灵武市公安局', '灵武市民政局']);
    await page.screenshot({ path: screenshotPath('public-portal.png'), fullPage: true });
  });

  test('a unit’s page: its figures and rank, and the published bad rating with the reply, masked', async () => {
    await page.locator('#pp-top').getByRole('link', { name: '灵武市民政局' }).click();
    await page.waitForURL(`${e2e.baseUrl}/public/units/${world.mz}`);
    await page.getByRole('heading', { level: 1, name: '灵武市民政局' }).waitFor();
    const u = await publicApi<{ figures: Figures; rank: { rank: number; ranked: number } }>(`/public/disclosure/units/${world.mz}`);
    await expectFigures(u.figures);
    expect(await page.locator('.pp-rank').innerText()).toContain(`第 ${u.rank.rank} 名（共 ${u.rank.ranked} 个参与排名的单位）`);

    const reply = page.locator(`[data-reply="${world.order}"]`);
    await reply.waitFor();
    const text = await reply.innerText();
    expect(text).toContain('非常不满意');
    expect(text).toContain('推诿扯皮');
    expect(text).toContain('已明确首问负责制，窗口不再推诿。');
    expect(text).toContain('回访仍不满意');
    const html = await page.content();
    for (const secret of [SECRET.name, SECRET.phone, '139****5678', SECRET.caseNo, SECRET.staff, '我叫']) expect(html, secret).not.toContain(secret);
    await page.screenshot({ path: screenshotPath('public-unit.png'), fullPage: true });
  });

  test('search finds a service item and its unit; the ranking method is the published one', async () => {
    await page.getByRole('navigation', { name: '公开栏目' }).getByRole('link', { name: '查询单位和事项' }).click();
    await page.waitForURL(`${e2e.baseUrl}/public/search`);
    await page.getByLabel('单位或事项名称、编码').fill('户口');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(`${e2e.baseUrl}/public/search?q=${encodeURIComponent('户口')}`);
    const item = page.locator('[data-item="LW-ITEM-2"]');
    await item.waitFor();
    expect(await item.innerText()).toContain('户口迁移');
    await item.getByRole('link', { name: '灵武市公安局' }).click();
    await page.getByRole('heading', { level: 1, name: '灵武市公安局' }).waitFor();

    await page.goto(`${e2e.baseUrl}/public/method?region=640181000000`);
    const method = await publicApi<{ text: { zh: string } }>('/public/ranking-method?regionCode=640181');
    expect(await page.locator('.pp-method-text').innerText()).toBe(method.text.zh);
    expect(method.text.zh).toContain('少于 2 条');
    // The suggestion box is one link away.
    await page.getByRole('navigation', { name: '公开栏目' }).getByRole('link', { name: '意见箱' }).click();
    await page.waitForURL(`${e2e.baseUrl}/suggest`);
  });

  test('English and the elder-friendly mode; answers are cached with an ETag', async () => {
    await page.goto(`${e2e.baseUrl}/public?region=640181000000`);
    await page.getByRole('heading', { level: 1, name: '灵武市 · 评价结果公开' }).waitFor();
    await page.getByRole('button', { name: '适老化模式' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('hcp-elder');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: '灵武市 · Published evaluation results' }).waitFor();
    await page.getByRole('table', { name: 'Best-ranked units' }).waitFor();
    const res = await fetch(`${e2e.baseUrl}/api/public/disclosure/overview?regionCode=640181`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const again = await fetch(`${e2e.baseUrl}/api/public/disclosure/overview?regionCode=640181`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});
