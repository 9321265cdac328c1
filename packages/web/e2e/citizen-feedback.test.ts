import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { adminApi, pushLingwuCase, screenshotPath, seedLingwu, staffSession, startE2e, type E2e, type SessionCall } from './harness.ts';

/**
 * The end of the closed loop from the evaluator's side: a bad rating opens a work order, the unit
 * gives feedback, the evaluator gets an SMS with a link to their page (/e/f/…), reads what was done,
 * answers "not satisfied" online (the order goes back to the unit once), then, after the second
 * feedback, "satisfied" with a new rating, which becomes the case's latest evaluation and closes the order.
 */
let e2e: E2e;
let admin: ReturnType<typeof adminApi>;
let asSupervisor: SessionCall;
const SUPERVISOR = { username: 'lw-fb-supervisor', password: 'Lingwu-Feedback-2026' };
const PHONE = '13900000011';

/** The path of the newest feedback link texted to the evaluator, as the development gateway delivered it. */
async function newestFeedbackLink(except: string[] = []): Promise<string> {
  for (let i = 0; i < 150; i++) {
    const inbox = (await admin.get('/sms/dev-inbox?limit=50')) as { items: { phone: string; body: string }[] };
    const paths = inbox.items.filter((m) => m.phone === '139****0011').map((m) => /\/e\/f\/[A-Za-z0-9_-]+/.exec(m.body)?.[0]).filter((p): p is string => !!p && !except.includes(p));
    if (paths.length) return paths[0]!;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no feedback SMS arrived');
}

async function handleOrder(id: number, feedback: string, assign: boolean) {
  for (const action of [...(assign ? ['assign'] : []), 'verify', 'decide_fix_now', 'rectify']) await asSupervisor('POST', `/work-orders/${id}/actions`, { action, text: `${action}：内部记录` });
  await asSupervisor('POST', `/work-orders/${id}/actions`, { action: 'feedback', text: feedback });
}

beforeAll(async () => {
  e2e = await startE2e();
  admin = adminApi(e2e.baseUrl);
  await admin.logIn(e2e.adminPassword);
  const county = await seedLingwu(admin);
  await pushLingwuCase(admin, county, 'E2E-FB-1', { name: '周八', phone: PHONE });
  await admin.post('/users', { username: SUPERVISOR.username, displayName: '灵武市管办', password: SUPERVISOR.password, role: 'supervisor', scopeRegionCode: '640181' });
  asSupervisor = await staffSession(e2e.baseUrl, SUPERVISOR);
});

afterAll(async () => {
  await e2e?.stop();
});

describe('the evaluator’s feedback page (整改反馈) and the online revisit (回访)', () => {
  test('not satisfied sends the order back once; satisfied with a new rating closes it', async () => {
    // A 12345 call entered by staff: a real-name bad rating, so the evaluator can be texted.
    await asSupervisor('POST', '/evaluations', { caseNo: 'E2E-FB-1', channel: 'phone', level: 2, tags: ['202'], realName: true });
    const { items } = await asSupervisor<{ items: { id: number; state: string }[] }>('GET', '/work-orders?state=opened');
    expect(items).toHaveLength(1);
    const orderId = items[0]!.id;
    await handleOrder(orderId, '已联系您核实：材料清单已在窗口和网上公示，今后一次告知。', true);

    const scripts: string[] = [];
    const page: Page = await e2e.context.newPage();
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    const first = await newestFeedbackLink();
    await page.goto(`${e2e.baseUrl}${first}`);
    await page.getByRole('heading', { level: 1, name: '整改反馈' }).waitFor();
    for (const text of ['最低生活保障审批', '灵武市民政局', '不满意（多次跑动）', '单位已反馈处理结果，请告诉我们您是否满意。', '已联系您核实：材料清单已在窗口和网上公示，今后一次告知。']) {
      await page.getByText(text).first().waitFor();
    }
    // Internal notes of the unit and personal data stay off the page.
    expect(await page.getByText('内部记录').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/周八|13900000011|E2E-FB-1|马晓东/);

    await page.getByRole('radio', { name: '不满意' }).check();
    await page.getByText('提交后，工单将退回单位重新办理（复核）。').waitFor();
    await page.getByRole('button', { name: '提交答复' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('请填写不满意的原因。');
    await page.getByLabel(/不满意的原因/).fill('还是要跑两次才能办完');
    await page.getByRole('button', { name: '提交答复' }).click();
    await page.getByText('感谢您的答复，已经记录。').waitFor();
    await page.getByText('正在处理：单位正在核实和整改您反映的问题。').waitFor();
    await page.getByText('第 2 轮办理（复核）').waitFor();
    await page.getByText('回访：不满意（您在线答复）').waitFor();
    expect(await page.getByRole('button', { name: '提交答复' }).count()).toBe(0);
    const back = await asSupervisor<{ workOrder: { state: string; reviewRound: number } }>('GET', `/work-orders/${orderId}`);
    expect(back.workOrder).toMatchObject({ state: 'assigned', reviewRound: 2 });

    // The second round: new feedback, a new SMS with a new link.
    await handleOrder(orderId, '第二次整改：已为您当场办结，并对窗口人员进行了提醒。', false);
    const second = await newestFeedbackLink([first]);
    await page.goto(`${e2e.baseUrl}${second}`);
    await page.getByText('第二次整改：已为您当场办结，并对窗口人员进行了提醒。').waitFor();
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    // A bad level is no "satisfied" answer: only 非常满意, 满意 and 基本满意 are offered.
    await page.getByRole('radio', { name: '非常满意' }).waitFor();
    expect(await page.getByRole('radio', { name: '非常不满意' }).count()).toBe(0);
    await page.getByRole('button', { name: '提交答复' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('请选择满意程度。');
    await page.getByRole('radio', { name: '非常满意' }).check();
    await page.getByRole('checkbox', { name: '办事效率高' }).check();
    await page.getByLabel(/补充说明/).fill('这次很顺利');
    await page.screenshot({ path: screenshotPath('feedback.png'), fullPage: true });
    await page.getByRole('button', { name: '提交答复' }).click();
    await page.getByText('已办结，感谢您的确认。').waitFor();
    await page.getByText(/您的最新评价：非常满意/).waitFor();

    const done = await asSupervisor<{ workOrder: { state: string; revisitEvaluationId: number } }>('GET', `/work-orders/${orderId}`);
    expect(done.workOrder.state).toBe('closed_resolved');
    const ratings = await asSupervisor<{ items: { id: number; level: number; channel: string; tags: string[] }[] }>('GET', '/evaluations?caseNo=E2E-FB-1');
    expect(ratings.items.map((e) => [e.level, e.channel]).sort()).toEqual([[2, 'phone'], [5, 'sms']]);
    expect(ratings.items.find((e) => e.level === 5)!.id).toBe(done.workOrder.revisitEvaluationId);

    // The first link still shows the outcome, also in English.
    await page.goto(`${e2e.baseUrl}${first}`);
    await page.getByText('已办结，感谢您的确认。').waitFor();
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'What was done about your rating' }).waitFor();
    await page.getByText('Closed. Thank you for confirming.').waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    expect(scripts.filter((s) => /antd|root-/.test(s))).toEqual([]);
    await page.close();
  });

  test('a forged link gets its own clear page', async () => {
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/e/f/AAAAAAAAAAAAAAAA`);
    await page.getByRole('heading', { name: '反馈链接无效' }).waitFor();
    await page.close();
  });
});
