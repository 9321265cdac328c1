import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleUi } from './console-helpers.ts';
import { adminApi, pushLingwuCase, screenshotPath, seedLingwu, staffSession, startE2e, type E2e } from './harness.ts';

/**
 * The closed loop (差评整改) in the console, by the three people who run it: the unit administrator
 * handles the work order a bad rating opened (assign, verify, decide 限期整改, rectify with evidence,
 * feedback), the 12345 operator records the revisit (not satisfied → a second round; satisfied with a
 * new level → closed, the new rating the case's latest), and the management office decides an appeal
 * (upheld as 误评 → the rating is excluded) and publishes the reply. Everything runs against the real
 * server; only the county and the bad ratings are made through the API.
 */
let e2e: E2e;
let page: Page;
const USERS = {
  unit: { username: 'lw-mz-admin', password: 'Lingwu-Unit-2026', name: '民政局管理员' },
  operator: { username: 'lw-12345', password: 'Lingwu-Hotline-2026', name: '12345话务员' },
  supervisor: { username: 'lw-office', password: 'Lingwu-Office-2026', name: '灵武市管办' },
};
// The smallest valid PNG: the server recognises an attachment by its content, not its name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A JSON call as one of the county's users (a session of its own, not the browser's). */
const as = (user: keyof typeof USERS) => staffSession(e2e.baseUrl, USERS[user]);

beforeAll(async () => {
  e2e = await startE2e();
  const admin = adminApi(e2e.baseUrl);
  await admin.logIn(e2e.adminPassword);
  const county = await seedLingwu(admin);
  for (const [caseNo, phone] of [['E2E-WO-LOOP', '13900000021'], ['E2E-WO-APPEAL', '13900000022']] as const) await pushLingwuCase(admin, county, caseNo, { name: '周八', phone });
  await admin.post('/users', { username: USERS.unit.username, displayName: USERS.unit.name, password: USERS.unit.password, role: 'unit_admin', scopeOrgId: county.unitId });
  await admin.post('/users', { username: USERS.operator.username, displayName: USERS.operator.name, password: USERS.operator.password, role: 'operator', scopeRegionCode: '640181' });
  await admin.post('/users', { username: USERS.supervisor.username, displayName: USERS.supervisor.name, password: USERS.supervisor.password, role: 'supervisor', scopeRegionCode: '640181' });
  page = await e2e.context.newPage();
});

afterAll(async () => {
  await e2e?.stop();
});

const { logIn, open, dialog, actions, step } = consoleUi(() => ({ page, baseUrl: e2e.baseUrl }));
const logInAs = (user: keyof typeof USERS) => logIn(USERS[user].username, USERS[user].password);

/** From a list, the order of a case, opened by its link; answers the order's id. */
async function openOrderOf(caseNo: string): Promise<number> {
  const link = page.getByRole('row', { name: new RegExp(caseNo) }).getByRole('link', { name: /^打开工单 #\d+$/ });
  const id = Number((await link.getAttribute('aria-label'))!.replace(/\D+/g, ''));
  await link.click();
  await page.getByRole('heading', { level: 1, name: `工单 #${id}` }).waitFor();
  return id;
}

const timeline = () => page.locator('.ant-card', { has: page.getByRole('heading', { name: '办理记录', exact: true }) });

/** A real-name bad rating entered for a 12345 call: the API path of every bad rating, which opens the order. */
async function badRating(caseNo: string) {
  const office = await as('supervisor');
  await office('POST', '/evaluations', { caseNo, channel: 'phone', level: 2, tags: ['202'], text: '材料要求说了三次才说清楚', realName: true });
}

describe('console: the closed loop of a bad rating', () => {
  test('rectify → feedback → unsatisfied revisit → second round → satisfied revisit with a new level → closed', { timeout: 240_000 }, async () => {
    await badRating('E2E-WO-LOOP');

    // The unit administrator: 我的工单 shows the new order with its first-contact deadline in working days.
    await logInAs('unit');
    // The bell in the header: nothing unread yet; its panel opens and closes by keyboard.
    await page.getByRole('button', { name: '通知' }).press('Enter');
    await dialog('站内通知').getByText('暂无通知').waitFor();
    await page.keyboard.press('Escape');
    await dialog('站内通知').waitFor({ state: 'hidden' });

    await open('work-orders', '整改工单');
    const row = page.getByRole('row', { name: /E2E-WO-LOOP/ });
    await row.getByText('待分派').waitFor();
    await row.getByText('最低生活保障审批').waitFor();
    await row.getByText('2 不满意').waitFor();
    await row.getByText(/首次联系期限：.+（含当日）/).waitFor();
    await row.getByText(/剩 \d+ 个工作日|今日到期/).waitFor();
    // Nobody's identity: neither the evaluator's name nor the phone is on the list.
    expect(await page.locator('main').textContent()).not.toMatch(/周八|13900000021/);
    const id = await openOrderOf('E2E-WO-LOOP');

    await page.getByText('E2E-WO-LOOP').first().waitFor();
    await page.getByText('202 多次跑动').waitFor();
    await page.getByText('材料要求说了三次才说清楚').waitFor();
    await page.getByText(/^可申诉至 .+（含当日）$/).waitFor();
    await step('分派承办人', '由马晓东负责，今日联系评价人');
    await step('联系核实', '已电话联系评价人，情况属实');
    await step('研判：限期整改');
    await page.getByText(/剩 \d+ 个工作日|今日到期/).first().waitFor();
    // Rectified, with a photo of the new notice as evidence, uploaded in the step's dialog.
    await step('整改完成', '已在窗口张贴一次性告知清单', async (d) => {
      await d.locator('input[type=file]').setInputFiles({ name: '告知清单.png', mimeType: 'image/png', buffer: PNG });
      await d.getByText('已上传 告知清单.png').waitFor();
      expect(await d.getByRole('checkbox', { name: '告知清单.png' }).isChecked()).toBe(true);
    });
    await timeline().getByRole('button', { name: '下载 告知清单.png' }).waitFor();
    // Feedback needs its text: the form says so before anything is sent.
    await actions().getByRole('button', { name: '反馈评价人', exact: true }).click();
    let d = dialog('反馈评价人');
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.getByText('请填写反馈内容').waitFor();
    await d.getByLabel(/反馈内容/).fill('已整改：材料清单已在窗口和网上公示，今后一次告知。');
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.waitFor({ state: 'hidden' });
    await page.getByText('已反馈，待回访').first().waitFor();
    // The unit cannot record the revisit: that is the 12345 operator's.
    expect(await actions().getByRole('button', { name: '记录回访' }).count()).toBe(0);

    // The 12345 operator: the order is due for its revisit; the evaluator is not satisfied.
    await logInAs('operator');
    await open('work-order-revisits', '差评回访');
    await page.getByRole('row', { name: /E2E-WO-LOOP/ }).getByRole('button', { name: `记录回访 #${id}` }).click();
    d = dialog(`记录回访：工单 #${id}`);
    await d.getByRole('radio', { name: '评价人不满意' }).check();
    await d.getByText(/退回单位复核（最多 1 次）/).waitFor();
    await d.getByLabel('不满意的原因').fill('还是要跑两次才能办完');
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.waitFor({ state: 'hidden' });
    await page.getByText(`已记录回访 · 工单 #${id}`).waitFor();
    await page.getByRole('row', { name: /E2E-WO-LOOP/ }).waitFor({ state: 'detached' });

    // The second round (复核): back with the unit, which rectifies and gives feedback again.
    await logInAs('unit');
    await page.goto(`${e2e.baseUrl}/console/work-orders/${id}`);
    await page.getByRole('heading', { level: 1, name: `工单 #${id}` }).waitFor();
    await page.getByText('第 2 轮（复核）').waitFor();
    await timeline().getByText('回访：不满意').waitFor();
    await timeline().getByText('还是要跑两次才能办完').waitFor();
    await step('联系核实', '再次联系评价人');
    await step('研判：限期整改');
    await step('整改完成', '为评价人当场办结，并提醒窗口人员');
    await step('反馈评价人', '第二次整改：已为您当场办结。');

    // The operator again: satisfied, with the evaluator's new level.
    await logInAs('operator');
    await open('work-order-revisits', '差评回访');
    await page.getByRole('row', { name: /E2E-WO-LOOP/ }).getByRole('button', { name: `记录回访 #${id}` }).click();
    d = dialog(`记录回访：工单 #${id}`);
    await d.getByRole('radio', { name: '评价人满意' }).check();
    // Only the levels that are not bad are offered as "satisfied".
    expect(await d.getByRole('radio', { name: '不满意', exact: true }).count()).toBe(0);
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.getByText('请选择评价人的新评价').waitFor();
    await d.getByRole('radio', { name: '非常满意', exact: true }).check();
    await d.getByRole('checkbox', { name: '一次就办成' }).check();
    await d.getByLabel('评价人的说明').fill('这次很顺利');
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.waitFor({ state: 'hidden' });
    await page.getByText(`已记录回访 · 工单 #${id}`).waitFor();

    // Closed; the revisit rating is the case's latest evaluation, the original stays, superseded.
    await page.goto(`${e2e.baseUrl}/console/work-orders/${id}`);
    await page.getByText('工单已结束。').waitFor();
    await page.getByText('已办结').first().waitFor();
    await page.getByText('已被回访评价取代').waitFor();
    const latest = page.locator('.ant-descriptions-item', { has: page.getByText('最新评价', { exact: true }) });
    await latest.getByText('5 非常满意').waitFor();
    await latest.getByText(/电话/).waitFor();
    await latest.getByText('503 一次就办成').waitFor();
    const steps = await timeline().getByTestId('timeline-step').count();
    expect(steps).toBe(12);
    await timeline().getByText('回访：满意').waitFor();
    await timeline().getByText('12345话务员').first().waitFor();
    await page.screenshot({ path: screenshotPath('work-order.png'), fullPage: true });

    const office = await as('supervisor');
    const detail = await office<{ workOrder: { state: string; revisitEvaluationId: number } }>('GET', `/work-orders/${id}`);
    expect(detail.workOrder.state).toBe('closed_resolved');
    const ratings = await office<{ items: { id: number; level: number; channel: string }[] }>('GET', '/evaluations?caseNo=E2E-WO-LOOP');
    expect(ratings.items.map((e) => [e.level, e.channel]).sort()).toEqual([[2, 'phone'], [5, 'phone']]);
    expect(ratings.items[0]).toMatchObject({ level: 5, id: detail.workOrder.revisitEvaluationId });

    // The management office publishes the public reply of the closed order.
    await logInAs('supervisor');
    await page.goto(`${e2e.baseUrl}/console/work-orders/${id}`);
    await page.getByText('尚未公开答复').waitFor();
    await page.getByLabel('公开答复内容').fill('已在窗口和网上公示材料清单，并对评价人的事项当场办结。');
    await page.getByRole('button', { name: '发布答复' }).click();
    await page.getByText('已发布公开答复').waitFor();
    await page.getByText(/^发布于 /).waitFor();
    const replies = (await (await fetch(`${e2e.baseUrl}/api/public/replies?regionCode=640181`)).json()) as { items: { reply?: string; text?: string }[] };
    expect(JSON.stringify(replies)).toContain('已在窗口和网上公示材料清单');
  });

  test('an appeal with an attachment, upheld by the office as 误评: the rating shows as excluded', { timeout: 240_000 }, async () => {
    await badRating('E2E-WO-APPEAL');
    await logInAs('unit');
    await open('work-orders', '整改工单');
    const id = await openOrderOf('E2E-WO-APPEAL');
    await step('分派承办人', '由马晓东负责');
    const rectifyDay = async () => /\d{4}年\d+月\d+日/.exec((await page.locator('.ant-descriptions-item', { has: page.getByText('整改', { exact: true }) }).textContent()) ?? '')?.[0];
    const rectifyDue = await rectifyDay();
    expect(rectifyDue).toBeTruthy();

    // An extension (延期) of the rectification deadline: at most the policy's 2 working days.
    await actions().getByRole('button', { name: '申请延期', exact: true }).click();
    const ext = dialog('申请延期');
    await ext.getByText('合计最多 2 个工作日').waitFor();
    await ext.getByLabel('延期工作日数').fill('1');
    await ext.getByLabel('延期理由').fill('需协调窗口排班后再整改');
    await ext.getByRole('button', { name: '提交', exact: true }).click();
    await ext.waitFor({ state: 'hidden' });
    await page.getByText('已提交延期申请').waitFor();

    await actions().getByRole('button', { name: '复核申诉', exact: true }).click();
    const d = dialog('复核申诉');
    await d.getByText(/^申诉须在 .+（含当日）前提出，由政务服务管理办公室在 5 个工作日内调查处理。$/).waitFor();
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.getByText('请填写理由').waitFor();
    await d.getByLabel('申诉理由及证据说明').fill('评价人当天未到窗口办理，评价对象有误，附窗口排队记录。');
    await d.locator('input[type=file]').setInputFiles({ name: '排队记录.png', mimeType: 'image/png', buffer: PNG });
    await d.getByText('已上传 排队记录.png').waitFor();
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.waitFor({ state: 'hidden' });
    await page.getByText('已提交复核申诉').waitFor();
    const requests = page.getByRole('table', { name: '申请与审批' });
    await requests.getByRole('row', { name: /^复核申诉 #\d+/ }).getByText('待审批').waitFor();
    await requests.getByRole('row', { name: /^延期申请 #\d+/ }).getByText('待审批').waitFor();
    await timeline().getByRole('button', { name: '下载 排队记录.png' }).waitFor();
    // One appeal at a time: the button is gone while it is pending.
    expect(await actions().getByRole('button', { name: '复核申诉', exact: true }).count()).toBe(0);

    // The management office: first the extension, approved; then the appeal, upheld as 误评 with its reasons.
    await logInAs('supervisor');
    await open('work-order-requests', '申请审批');
    await page.getByText('延期申请', { exact: true }).click();
    const extRow = page.getByRole('row', { name: /需协调窗口排班后再整改/ });
    await extRow.getByText('1 个工作日', { exact: false }).waitFor();
    await extRow.getByRole('button', { name: /^审批 延期申请 #\d+$/ }).click();
    const approve = dialog(/^审批延期申请 #\d+$/);
    await approve.getByRole('radio', { name: '批准' }).check();
    await approve.getByLabel('审批意见').fill('同意延期 1 个工作日');
    await approve.getByRole('button', { name: '提交', exact: true }).click();
    await approve.waitFor({ state: 'hidden' });
    await page.getByText(/^已审批 · 延期申请 #\d+$/).waitFor();
    await page.getByText('复核申诉', { exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(`#${id}`) });
    await row.getByText('评价人当天未到窗口办理').waitFor();
    await row.getByText('灵武市民政局').waitFor();
    await row.getByRole('button', { name: /^审批 复核申诉 #\d+$/ }).click();
    const decide = dialog(/^审批复核申诉 #\d+$/);
    await decide.getByRole('radio', { name: '申诉成立' }).check();
    await decide.getByRole('button', { name: '提交', exact: true }).click();
    await decide.getByText('请选择认定结果').waitFor();
    await decide.getByRole('radio', { name: '误评' }).check();
    await decide.getByLabel('审批意见').fill('经调取排队记录核实，评价对象有误，认定为误评。');
    await decide.getByRole('button', { name: '提交', exact: true }).click();
    await decide.waitFor({ state: 'hidden' });
    await page.getByText(/^已审批 · 复核申诉 #\d+$/).waitFor();
    await page.getByText('暂无申请').waitFor();

    await page.goto(`${e2e.baseUrl}/console/work-orders/${id}`);
    await page.getByText('申诉成立').first().waitFor();
    await page.locator('.ant-descriptions-item', { has: page.getByText('评价', { exact: true }) }).getByText('已排除：误评').waitFor();
    await timeline().getByText('经调取排队记录核实，评价对象有误，认定为误评。').waitFor();
    await page.getByRole('table', { name: '申请与审批' }).getByText('申诉成立').waitFor();
    await page.getByRole('table', { name: '申请与审批' }).getByText('已批准').waitFor();
    await timeline().getByText('延期获批').waitFor();
    // The approved extension moved the rectification deadline by one working day.
    expect(await rectifyDay()).not.toBe(rectifyDue);

    // The lists show it too: excluded in the orders, and in the real-name report with its totals.
    await open('work-orders', '整改工单');
    await page.getByRole('row', { name: /E2E-WO-APPEAL/ }).getByText('已排除：误评').waitFor();
    await open('real-name-report', '实名差评跟踪');
    const report = page.getByRole('table', { name: '实名差评跟踪' });
    await report.getByRole('row', { name: /E2E-WO-APPEAL/ }).getByText('已排除：误评').waitFor();
    await report.getByRole('row', { name: /E2E-WO-LOOP/ }).getByText('评价人满意').waitFor();
    const totals = page.locator('.ant-descriptions');
    await totals.locator('.ant-descriptions-item', { has: page.getByText('实名差评', { exact: true }) }).getByText('2', { exact: true }).waitFor();
    await totals.locator('.ant-descriptions-item', { has: page.getByText('申诉排除', { exact: true }) }).getByText('1', { exact: true }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    // English is complete on the order page.
    await page.goto(`${e2e.baseUrl}/console/work-orders/${id}`);
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Work order #${id}` }).waitFor();
    await page.getByText('Excluded: mistaken rating').first().waitFor();
    await page.getByText('Closed, appeal upheld').first().waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `工单 #${id}` }).waitFor();
  });
});
