import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { adminApi, minutesAgo, startE2e, type E2e } from './harness.ts';

/**
 * axe-core on every page: the public pages (landing, portal, suggestion box, a window's QR page, an
 * evaluation link, the feedback page, the rating device) and every console page in the menu of a
 * system administrator and of a few other roles. A page fails on any violation of impact serious
 * or critical; each is printed with the elements it concerns. Also the elder-friendly mode (适老化):
 * larger type and targets on the citizen and device pages.
 */
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let e2e: E2e;
let api: ReturnType<typeof adminApi>;
const world = { apiKey: '', windowId: 0, windowKey: '', unitId: 0 };
const PASSWORD = 'a11y-Pass-2024';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is now; the serious and critical violations, printed. */
async function seriousViolations(page: Page, label: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  // This file compiles without the DOM library: the browser's globals are reached through globalThis.
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: object): Promise<{ violations: Violation[] }> } };
    const result = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) {
    console.log(`[axe] ${label}: ${v.impact} ${v.id} — ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`).join('\n')}`);
  }
  return serious;
}

async function expectAccessible(page: Page, label: string) {
  const serious = await seriousViolations(page, label);
  expect(serious.map((v) => `${v.id} (${v.nodes.length})`), `${label}: serious/critical axe violations`).toEqual([]);
}

/** The console's wide tables whose scroll box scrolls and is not yet focusable (lib/focusable-scroll.ts marks them on the next frame). */
const UNMARKED_SCROLL_BOXES = `[...document.querySelectorAll('.ant-table-content, .ant-table-body')]
  .filter((b) => (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1) && !b.hasAttribute('tabindex')).length`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The requests of each watched page in flight, event streams aside (they stay open). */
const inFlight = new WeakMap<Page, Set<Request>>();

/** Counts the page's requests from now on: a page reached through the console's menu loads its data without a navigation. */
function watchRequests(page: Page): void {
  const open = new Set<Request>();
  inFlight.set(page, open);
  page.on('request', (r) => {
    if (r.resourceType() !== 'eventsource') open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
}

/**
 * Waits until the page's requests settle (a page that keeps a stream open settles at the timeout):
 * its load, and for a watched page no request in flight for 300 ms; then until the page has made
 * its scrolling tables focusable, as it does a frame after each table renders or changes size (a
 * page that never does is then reported by axe).
 */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  const open = inFlight.get(page);
  if (open) {
    const until = Date.now() + 10_000;
    let quietSince = Date.now();
    while (Date.now() < until && Date.now() - quietSince < 300) {
      await sleep(50);
      if (open.size > 0) quietSince = Date.now();
    }
  }
  await page.waitForFunction(`${UNMARKED_SCROLL_BOXES} === 0`, undefined, { timeout: 5_000 }).catch(() => undefined);
}

async function apiCall<T = Record<string, unknown>>(path: string, body?: unknown, auth?: 'key' | 'none'): Promise<T> {
  if (auth === undefined) return (body === undefined ? api.get(path) : api.post(path, body)) as Promise<T>;
  const res = await fetch(`${e2e.baseUrl}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(auth === 'key' ? { authorization: `Bearer ${world.apiKey}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A token of an evaluation link for a completed case, as a portal's signed link gives it. */
async function evaluationToken(caseNo: string): Promise<string> {
  const [k, secret] = world.apiKey.split('.') as [string, string];
  const x = Math.floor(Date.now() / 1000) + 3600;
  const sig = createHmac('sha256', secret).update(`${k}|${caseNo}|${x}||pc`).digest('hex');
  return (await apiCall<{ token: string }>('/public/signed-links', { k, c: caseNo, x, ch: 'pc', sig }, 'none')).token;
}

async function completedCase(caseNo: string) {
  await apiCall('/integration/cases', {
    caseNo, itemCode: 'LW-ITEM-1', unitCode: 'LW-MZJ', channel: 'offline', windowId: world.windowId, staffEmployeeNo: 'E001',
    applicant: { type: 1, name: '张三丰', phone: '13900000001' },
    stages: [{ stage: 'received', at: minutesAgo(90) }, { stage: 'accepted', at: minutesAgo(80) }, { stage: 'completed', at: minutesAgo(10) }],
  }, 'key');
}

beforeAll(async () => {
  e2e = await startE2e();
  api = adminApi(e2e.baseUrl);
  await api.logIn(e2e.adminPassword);
  await api.post('/regions', [{ code: '640000', name: '宁夏回族自治区' }, { code: '640100', name: '银川市', parentCode: '640000' }, { code: '640181', name: '灵武市', parentCode: '640100' }]);
  const unit = await api.post('/organisations', { regionCode: '640181', kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
  const hall = await api.post('/organisations', { regionCode: '640181', kind: 'hall', name: '灵武市政务服务大厅A厅' });
  const window = await api.post('/organisations', { regionCode: '640181', kind: 'window', parentId: hall.id, code: 'A01', name: 'A01 综合窗口' });
  await api.post('/staff', { unitId: unit.id, employeeNo: 'E001', name: '马晓东', title: '综合受理', photoUrl: '/favicon.svg', windowIds: [window.id] });
  await api.post('/service-items', { code: 'LW-ITEM-1', name: '最低生活保障审批', itemType: 'public_service', promisedDays: 5, ownerUnitId: unit.id, regionCode: '640181' });
  world.apiKey = (await api.post('/integrations', { name: '灵武民政审批系统', unitIds: [unit.id] })).apiKey;
  world.windowId = window.id;
  world.unitId = unit.id;
  world.windowKey = (await api.get(`/organisations/${window.id}/public-link`)).publicKey;
  await completedCase('A11Y-1');
  await completedCase('A11Y-2');
  for (const [username, role] of [['clerk1', 'clerk'], ['super1', 'supervisor'], ['audit1', 'auditor']] as const) {
    await api.post('/users', { username, displayName: `${role} 用户`, password: PASSWORD, role, scopeRegionCode: '640181' });
  }
});

afterAll(async () => {
  await e2e?.stop();
});

describe('public pages', () => {
  const pages: [string, () => Promise<string>, string | RegExp | null][] = [
    ['landing', async () => '/', null],
    ['portal home', async () => '/public?region=640181000000', null],
    ['portal search', async () => '/public/search?q=民政', null],
    ['portal method', async () => '/public/method?region=640181000000', null],
    ['portal unit', async () => `/public/units/${world.unitId}`, null],
    ['suggestion box', async () => '/suggest', null],
    ['window QR page', async () => `/q/${world.windowKey}`, null],
    ['evaluation link', async () => `/e/${await evaluationToken('A11Y-1')}`, null],
    ['evaluation link, unknown', async () => '/e/AAAAAAAAAAAA', null],
    ['feedback page, unknown', async () => '/e/f/AAAAAAAAAAAAAAAA', null],
    ['device pairing', async () => '/device', null],
    ['not found', async () => '/no-such-page', null],
  ];
  for (const [label, url] of pages) {
    test(label, async () => {
      const page = await e2e.context.newPage();
      try {
        await page.goto(`${e2e.baseUrl}${await url()}`);
        await page.locator('h1').first().waitFor();
        await settle(page);
        expect(await page.locator('html').getAttribute('lang')).toMatch(/^(zh-CN|en)$/);
        await expectAccessible(page, label);
      } finally {
        await page.close();
      }
    });
  }

  test('an evaluation link in the elder-friendly mode, with a level chosen', async () => {
    const page = await e2e.context.newPage();
    try {
      await page.goto(`${e2e.baseUrl}/e/${await evaluationToken('A11Y-2')}`);
      await page.locator('h1').first().waitFor();
      await settle(page);
      await page.getByRole('radio', { name: '不满意', exact: true }).check();
      await page.getByRole('group', { name: /请选择不满意的原因/ }).waitFor();
      await expectAccessible(page, 'evaluation, bad level chosen');
      const toggle = page.getByRole('button', { name: /适老/ });
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      await expectAccessible(page, 'evaluation, elder mode');
    } finally {
      await page.close();
    }
  });
});

describe('elder-friendly mode (适老化)', () => {
  /** The computed font size of the first element matching `selector`, in px, and its box height. */
  const measure = (page: Page, selector: string) =>
    page.locator(selector).first().evaluate((el) => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
      return { font: parseFloat(g.getComputedStyle(el).fontSize), height: el.getBoundingClientRect().height };
    });

  test('the citizen pages grow type and targets when it is switched on, and remember it', async () => {
    const page = await e2e.context.newPage();
    try {
      await page.goto(`${e2e.baseUrl}/suggest`);
      await page.locator('h1').first().waitFor();
      const toggle = page.getByRole('button', { name: /适老/ });
      if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
      const before = { body: await measure(page, 'body'), button: await measure(page, 'main button, button[type=submit]') };
      await toggle.click();
      expect(await page.locator('html').getAttribute('class')).toContain('hcp-elder');
      const after = { body: await measure(page, 'body'), button: await measure(page, 'main button, button[type=submit]') };
      expect(after.body.font).toBeGreaterThan(before.body.font);
      expect(after.button.font).toBeGreaterThan(before.button.font);
      expect(after.button.height).toBeGreaterThan(before.button.height);
      // Targets of at least 44 px (WCAG 2.5.5) in the elder-friendly mode.
      expect(after.button.height).toBeGreaterThanOrEqual(44);
      await page.reload();
      await page.locator('h1').first().waitFor();
      expect(await page.locator('html').getAttribute('class')).toContain('hcp-elder');
      await expectAccessible(page, 'suggestion box, elder mode');
      await page.getByRole('button', { name: /适老/ }).click();
      expect((await measure(page, 'body')).font).toBe(before.body.font);
    } finally {
      await page.close();
    }
  });

  test('the rating device starts in large type', async () => {
    const page = await e2e.context.newPage();
    try {
      await page.goto(`${e2e.baseUrl}/device`);
      // No choice stored (the test above made one on this origin): the device's default holds.
      await page.evaluate(() => (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear());
      await page.reload();
      await page.getByLabel('配对码').waitFor();
      expect(await page.locator('html').getAttribute('class')).toContain('hcp-elder');
      const body = await measure(page, 'body');
      // The browser's default is 16 px; the device page reads from a distance.
      expect(body.font).toBeGreaterThan(16);
      expect((await measure(page, 'button')).height).toBeGreaterThanOrEqual(44);
    } finally {
      await page.close();
    }
  });
});

describe('console pages', () => {
  async function logIn(page: Page, username: string, password: string) {
    await page.goto(`${e2e.baseUrl}/console/login`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((u) => u.pathname !== '/console/login');
    await page.getByRole('navigation', { name: '主菜单' }).waitFor();
  }

  /** Every page of the user's menu, opened from the menu as a user does; failures collected. */
  async function everyMenuPage(page: Page, who: string): Promise<string[]> {
    const menu = page.getByRole('navigation', { name: '主菜单' });
    watchRequests(page);
    const links = await menu.getByRole('link').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, name: (a.textContent ?? '').trim() })));
    expect(links.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const { href, name } of links) {
      await menu.getByRole('link', { name, exact: true }).click();
      await page.waitForURL((u) => u.pathname === href);
      try {
        await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
      } catch {
        failures.push(`${href}: no page heading after 30 s; the page shows: ${(await page.locator('main').first().innerText().catch(() => '')).slice(0, 200)}`);
        continue;
      }
      await settle(page);
      const serious = await seriousViolations(page, `${who} ${href}`);
      if (serious.length) failures.push(`${href}: ${serious.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
    }
    return failures;
  }

  test('the login page', async () => {
    const page = await e2e.context.newPage();
    try {
      await page.goto(`${e2e.baseUrl}/console/login`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settle(page);
      await expectAccessible(page, 'console login');
    } finally {
      await page.close();
    }
  });

  test('every page of a system administrator', async () => {
    const page = await e2e.context.newPage();
    try {
      await logIn(page, 'admin', e2e.adminPassword);
      const failures = await everyMenuPage(page, 'sysadmin');
      // Pages outside the menu: one that does not exist, and a window's printable QR poster.
      for (const path of ['/console/no-such-page', `/console/windows/${world.windowId}/poster`]) {
        await page.goto(`${e2e.baseUrl}${path}`);
        await page.locator('h1').first().waitFor();
        await settle(page);
        const serious = await seriousViolations(page, `sysadmin ${path}`);
        if (serious.length) failures.push(`${path}: ${serious.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
      }
      expect(failures).toEqual([]);
    } finally {
      await page.context().clearCookies();
      await page.close();
    }
  }, 300_000);

  for (const username of ['clerk1', 'super1', 'audit1']) {
    test(`every page of ${username}`, async () => {
      const page = await e2e.context.newPage();
      try {
        await logIn(page, username, PASSWORD);
        expect(await everyMenuPage(page, username)).toEqual([]);
      } finally {
        await page.context().clearCookies();
        await page.close();
      }
    }, 180_000);
  }
});
