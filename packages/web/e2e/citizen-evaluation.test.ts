import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshotPath, startE2e, type E2e } from './harness.ts';

/**
 * The citizen pages on a fresh server: an administrator builds a county through the APIs, an approval
 * system pushes completed cases with its key, and evaluators rate through a session token, a signed
 * portal link, a window's QR code (SMS code, or case number + name) and the suggestion box.
 */
let e2e: E2e;
let cookie = '';
const world = { apiKey: '', windowId: 0, windowKey: '', unitId: 0 };
const DAY = 86_400_000;

async function api<T = Record<string, unknown>>(path: string, init: { method?: string; body?: unknown; auth?: 'admin' | 'key' | 'none' } = {}): Promise<T> {
  const auth = init.auth ?? 'admin';
  const res = await fetch(`${e2e.baseUrl}/api${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(auth === 'admin' ? { cookie } : auth === 'key' ? { authorization: `Bearer ${world.apiKey}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A completed case at the window, pushed by the approval system with its API key. */
async function completedCase(caseNo: string, applicant: { name: string; phone: string }) {
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
  await api('/integration/cases', {
    auth: 'key',
    body: {
      caseNo, itemCode: 'LW-ITEM-1', unitCode: 'LW-MZJ', channel: 'offline', windowId: world.windowId,
      applicant: { type: 1, ...applicant },
      stages: [{ stage: 'received', at: at(3) }, { stage: 'accepted', at: at(3) }, { stage: 'completed', at: at(1) }],
    },
  });
}

/** A portal's signed link, signed here exactly as docs/integration/signed-links.md says. */
function signedQuery(caseNo: string, opts: { ch?: 'pc' | 'mobile'; x?: number } = {}) {
  const [k, secret] = world.apiKey.split('.') as [string, string];
  const x = opts.x ?? Math.floor(Date.now() / 1000) + 3600;
  const ch = opts.ch ?? 'pc';
  const sig = createHmac('sha256', secret).update(`${k}|${caseNo}|${x}||${ch}`).digest('hex');
  return { k, c: caseNo, x, ch, sig };
}

const linkUrl = (q: ReturnType<typeof signedQuery>) => `${e2e.baseUrl}/e/s?${new URLSearchParams({ k: q.k, c: q.c, x: String(q.x), ch: q.ch, sig: q.sig })}`;

async function newPage(): Promise<{ page: Page; scripts: string[] }> {
  const page = await e2e.context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  return { page, scripts };
}

beforeAll(async () => {
  e2e = await startE2e();
  const login = await fetch(`${e2e.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: e2e.adminPassword }) });
  cookie = /hcp_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
  await api('/regions', { body: [{ code: '640000', name: '宁夏回族自治区' }, { code: '640100', name: '银川市', parentCode: '640000' }, { code: '640181', name: '灵武市', parentCode: '640100' }] });
  const unit = await api<{ id: number }>('/organisations', { body: { regionCode: '640181', kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' } });
  const hall = await api<{ id: number }>('/organisations', { body: { regionCode: '640181', kind: 'hall', name: '灵武市政务服务大厅A厅' } });
  const window = await api<{ id: number }>('/organisations', { body: { regionCode: '640181', kind: 'window', parentId: hall.id, code: 'A01', name: 'A01 综合窗口' } });
  await api('/staff', { body: { unitId: unit.id, employeeNo: 'E001', name: '马晓东', windowIds: [window.id] } });
  await api('/service-items', { body: { code: 'LW-ITEM-1', name: '最低生活保障审批', itemType: 'public_service', promisedDays: 5, ownerUnitId: unit.id, regionCode: '640181' } });
  world.apiKey = (await api<{ apiKey: string }>('/integrations', { body: { name: '灵武民政审批系统', unitIds: [unit.id] } })).apiKey;
  world.windowId = window.id;
  world.unitId = unit.id;
  world.windowKey = (await api<{ publicKey: string }>(`/organisations/${window.id}/public-link`)).publicKey;
  await completedCase('E2E-TOKEN', { name: '张三丰', phone: '13900000001' });
  await completedCase('E2E-LINK', { name: '王五', phone: '13900000002' });
  await completedCase('E2E-QR-PHONE', { name: '赵六', phone: '13812341234' });
  await completedCase('E2E-QR-CASE', { name: '李四', phone: '13900000004' });
  await completedCase('E2E-EXPIRED', { name: '孙七', phone: '13900000005' });
});

afterAll(async () => {
  await e2e?.stop();
});

describe('citizen evaluation pages', () => {
  test('a session link: rate 不满意 with a tag and text by keyboard, survive a lost answer, thanks, then "used"', async () => {
    const { token } = await api<{ token: string }>('/public/signed-links', { auth: 'none', body: signedQuery('E2E-TOKEN') });
    const { page, scripts } = await newPage();
    await page.goto(`${e2e.baseUrl}/e/${token}`);
    await page.getByRole('heading', { level: 1, name: '服务评价' }).waitFor();
    for (const text of ['最低生活保障审批', '灵武市民政局', 'A01 综合窗口', 'E2E-TOKEN', '实名评价：张**']) await page.getByText(text).first().waitFor();

    // Keyboard only: Tab into the level group, arrows move the choice (非常满意 → … → 不满意).
    await page.getByRole('radio', { name: '非常满意' }).focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: '不满意', exact: true }).isChecked()).toBe(true);
    await page.getByRole('group', { name: /请选择不满意的原因/ }).waitFor();

    // A bad rating needs a reason: the form says so before sending.
    await page.getByRole('button', { name: '提交评价' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('请至少选择一个原因或填写意见');
    await page.getByRole('checkbox', { name: '办理时间长' }).check();
    await page.getByLabel(/您的意见/).fill('材料交了两次才受理');
    expect(await page.getByText('已输入 9 / 150 字').count()).toBe(1);
    await page.getByText('更多评价（选填）').click();
    await page.getByRole('radio', { name: '服务态度 2 分' }).check();
    await page.screenshot({ path: screenshotPath('evaluate.png'), fullPage: true });

    // The first answer is lost on the way back: the rating is stored, the page sees a network error.
    await page.route('**/api/public/evaluate/*', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('failed');
    });
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('无法连接服务器').waitFor();
    await page.unroute('**/api/public/evaluate/*');
    await page.getByRole('button', { name: '提交评价' }).dblclick();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await page.getByText('我们会核实情况').waitFor();
    const stored = await api<{ items: { level: number; channel: string; tags: string[] }[] }>('/evaluations?caseNo=E2E-TOKEN');
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({ level: 2, channel: 'pc', tags: ['201'], text: '材料交了两次才受理', scores: { attitude: 2 } });

    await page.goto(`${e2e.baseUrl}/e/${token}`);
    await page.getByRole('heading', { name: '该评价链接已使用' }).waitFor();
    expect(scripts.filter((s) => /antd|root-/.test(s))).toEqual([]);
    await page.close();
  });

  test('a signed link from the portal continues on the evaluation page and works once', async () => {
    const { page } = await newPage();
    const url = linkUrl(signedQuery('E2E-LINK', { ch: 'mobile' }));
    await page.goto(url);
    await page.waitForURL((u) => /^\/e\/[A-Za-z0-9_-]{12}$/.test(u.pathname));
    await page.getByRole('radio', { name: '非常满意' }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    expect((await api<{ items: { channel: string }[] }>('/evaluations?caseNo=E2E-LINK')).items.map((e) => e.channel)).toEqual(['mobile']);
    await page.goto(url);
    await page.getByRole('heading', { name: '该评价链接已使用' }).waitFor();
    await page.close();
  });

  test('forged and expired links get their own clear pages', async () => {
    const { page } = await newPage();
    const good = signedQuery('E2E-EXPIRED');
    await page.goto(linkUrl({ ...good, sig: good.sig.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) }));
    await page.getByRole('heading', { name: '评价链接无效' }).waitFor();
    await page.goto(linkUrl(signedQuery('E2E-EXPIRED', { x: Math.floor(Date.now() / 1000) - 60 })));
    await page.getByRole('heading', { name: '评价链接已过期' }).waitFor();
    await page.goto(`${e2e.baseUrl}/e/s?k=hk_x&c=E2E-EXPIRED`);
    await page.getByRole('heading', { name: '评价链接无效' }).waitFor();
    await page.goto(`${e2e.baseUrl}/e/AAAAAAAAAAAA`);
    await page.getByRole('heading', { name: '评价链接无效' }).waitFor();
    await page.close();
  });

  test('the QR code at the window: phone + SMS code, then the case list', async () => {
    const { page, scripts } = await newPage();
    await page.goto(`${e2e.baseUrl}/q/${world.windowKey}`);
    await page.getByRole('heading', { level: 1, name: '扫码评价' }).waitFor();
    await page.getByText('A01 综合窗口').waitFor();
    await page.getByText('灵武市政务服务大厅A厅').waitFor();
    await page.getByText('灵武市民政局').waitFor();
    await page.getByLabel('办事时预留的手机号').fill('13812341234');
    const before = (await api<{ items: { messageId: number }[] }>('/sms/dev-inbox?limit=50')).items.map((m) => m.messageId);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/验证码已通过短信发送/).waitFor();
    await page.screenshot({ path: screenshotPath('qr.png'), fullPage: true });

    let code = '';
    for (let i = 0; i < 100 && !code; i++) {
      const inbox = await api<{ items: { messageId: number; phone: string; body: string }[] }>('/sms/dev-inbox?limit=50');
      // The invitation job may text the same phone meanwhile; only the one-time code message counts.
      const sms = inbox.items.find((m) => !before.includes(m.messageId) && m.phone === '138****1234' && /验证码 [0-9]{6}/.test(m.body));
      code = sms ? /验证码 ([0-9]{6})/.exec(sms.body)![1]! : '';
      if (!code) await new Promise((r) => setTimeout(r, 200));
    }
    expect(code).toMatch(/^[0-9]{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel('短信验证码', { exact: true }).fill(wrong);
    await page.getByRole('button', { name: '验证并查看办件' }).click();
    await page.getByText('验证码不正确，请重新输入。').waitFor();
    await page.getByLabel('短信验证码', { exact: true }).fill(code);
    await page.getByRole('button', { name: '验证并查看办件' }).click();
    await page.getByRole('heading', { name: '您可以评价的办件' }).waitFor();
    await page.getByRole('link', { name: /去评价：最低生活保障审批/ }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/e/'));
    await page.getByText('实名评价：赵*').waitFor();
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    expect((await api<{ items: { channel: string }[] }>('/evaluations?caseNo=E2E-QR-PHONE')).items.map((e) => e.channel)).toEqual(['qr_code']);
    expect(scripts.filter((s) => /antd|root-/.test(s))).toEqual([]);
    await page.close();
  });

  test('the QR code at the window: case number + applicant name', async () => {
    const { page } = await newPage();
    await page.goto(`${e2e.baseUrl}/q/${world.windowKey}`);
    await page.getByRole('radio', { name: '办件编号 + 申请人姓名' }).check();
    await page.getByLabel('办件编号', { exact: true }).fill('E2E-QR-CASE');
    await page.getByLabel('申请人姓名', { exact: true }).fill('张三');
    await page.getByRole('button', { name: '查找办件' }).click();
    await page.getByText(/没有找到匹配的办件/).waitFor();
    await page.getByLabel('申请人姓名', { exact: true }).fill('李四');
    await page.getByRole('button', { name: '查找办件' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/e/'));
    await page.getByText('E2E-QR-CASE').waitFor();
    await page.getByRole('radio', { name: '基本满意' }).waitFor();
    await page.goto(`${e2e.baseUrl}/q/nosuchkey00`);
    await page.getByRole('heading', { name: '二维码无效' }).waitFor();
    await page.close();
  });

  test('the suggestion box takes the questionnaire, a unit and a phone that staff see masked', async () => {
    const { page } = await newPage();
    await page.goto(`${e2e.baseUrl}/suggest`);
    await page.getByRole('heading', { level: 1, name: '意见箱' }).waitFor();
    await page.getByRole('group', { name: '服务指引是否清晰' }).getByRole('radio', { name: '较差' }).check();
    await page.getByRole('group', { name: '材料手续是否精简' }).getByRole('radio', { name: '很好' }).check();
    await page.getByLabel('有何改进意见').fill('希望在大厅入口张贴办事指南');
    await page.getByLabel('单位名称').fill('民政');
    await page.getByRole('button', { name: '查找单位' }).click();
    await page.getByRole('radio', { name: /灵武市民政局/ }).check();
    await page.getByLabel('联系电话（选填）').fill('13700001234');
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByRole('heading', { name: '感谢您的意见！' }).waitFor();
    const list = await api<{ items: { text: string; contactPhone: string; orgName: string; answers: Record<string, number> }[] }>('/suggestions');
    expect(list.items[0]).toMatchObject({ text: '希望在大厅入口张贴办事指南', contactPhone: '137****1234', orgName: '灵武市民政局', answers: { guide_clear: 2, materials_lean: 5 } });
    await page.close();
  });

  test('the elder-friendly mode enlarges the evaluation page and is remembered', async () => {
    const { token } = await api<{ token: string }>('/public/signed-links', { auth: 'none', body: signedQuery('E2E-EXPIRED') });
    const { page } = await newPage();
    await page.goto(`${e2e.baseUrl}/e/${token}`);
    const level = page.getByRole('radio', { name: '非常满意' });
    await level.waitFor();
    const size = () => page.evaluate<string>("getComputedStyle(document.querySelector('.cz-level')).fontSize");
    const before = parseFloat(await size());
    await page.getByRole('button', { name: '适老化模式' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('hcp-elder');
    expect(parseFloat(await size())).toBeGreaterThan(before * 1.2);
    await page.reload();
    await level.waitFor();
    expect(parseFloat(await size())).toBeGreaterThan(before * 1.2);
    await page.getByRole('button', { name: '适老化模式' }).click();
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Rate the service' }).waitFor();
    await page.getByRole('radio', { name: 'Very satisfied' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.close();
  });
});
