import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleUi } from './console-helpers.ts';
import { minutesAgo, screenshotPath, startE2e, type E2e } from './harness.ts';

/**
 * The full tour (issue 6 item 7): a system administrator sets up a county from nothing through the
 * console (regions, unit, hall, window, staff with photo, service item, a policy version, an API key,
 * the county's management office, a rating device and the window's QR poster as PDF), an approval
 * system pushes a case with the key, the evaluator rates it badly on the window's device with a
 * reason the county's new policy added,
 * the management office runs the work order to closure and publishes a reply, and the public portal
 * shows the reply on the unit's page. Only the case push is an API call, as it is in real life; the
 * rest is the browser. Each test continues where the previous one stopped.
 */
let e2e: E2e;
let page: Page;
const OFFICE = { username: 'yc-office', password: 'Yanchi-Office-2026', name: '盐池县管办' };
const CASE_NO = 'YC-2026-TOUR-0001';
const REPLY = '已调整窗口排班，高峰时段增开窗口，排队时间明显缩短。';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A part of the tour drives many pages; on a busy machine that takes longer than the default minute. */
const TOUR_STEP_MS = 240_000;
const state = { apiKey: '', pairingCode: '', orderId: 0 };

beforeAll(async () => {
  e2e = await startE2e();
  page = await e2e.context.newPage();
});

afterAll(async () => {
  await e2e?.stop();
});

const { logIn, open, dialog, treeNode, choose, submitDialog, addRegionChain, actions, step } = consoleUi(() => ({ page, baseUrl: e2e.baseUrl }));

describe('the full tour: a county from nothing to a published reply', () => {
  test('the system administrator sets the county up in the console', async () => {
    await logIn('admin', e2e.adminPassword);

    // 行政区划: the province, the city and the county, down the tree.
    await open('regions', '行政区划');
    await addRegionChain([['640000', '宁夏回族自治区'], ['640300', '吴忠市'], ['640323', '盐池县']]);

    // 机构管理: the unit, the hall and a window in the hall.
    await open('organisations', '机构管理');
    await page.getByRole('button', { name: '新增机构' }).click();
    let d = dialog('新增机构');
    await choose(d, '行政区划', /^盐池县（/, '盐池');
    await d.getByLabel('机构编码').fill('YC-MZJ');
    await d.getByLabel('机构名称').fill('盐池县民政局');
    await submitDialog(d);
    await treeNode('盐池县民政局').waitFor();
    await page.getByRole('button', { name: '新增机构' }).click();
    d = dialog('新增机构');
    await choose(d, '机构类型', '大厅');
    await choose(d, '行政区划', /^盐池县（/, '盐池');
    await d.getByLabel('机构编码').fill('YC-HALL');
    await d.getByLabel('机构名称').fill('盐池县政务服务大厅');
    await submitDialog(d);
    await treeNode('盐池县政务服务大厅').click();
    await page.getByRole('button', { name: '新增下级机构' }).click();
    d = dialog('新增机构');
    await d.getByLabel('机构编码').fill('A01');
    await d.getByLabel('机构名称').fill('A01 综合窗口');
    await submitDialog(d);
    await treeNode('A01 综合窗口').waitFor();

    // 工作人员: the clerk of the window, with the photo the device shows. A bad address is caught first.
    await open('staff', '工作人员');
    await page.getByRole('button', { name: '新增工作人员' }).click();
    d = dialog('新增工作人员');
    await choose(d, '所属单位', '盐池县民政局', '民政');
    await d.getByLabel('工号').fill('E001');
    await d.getByLabel('姓名').fill('马晓东');
    await d.getByLabel('职务').fill('综合受理');
    await d.getByLabel('照片地址').fill('favicon .svg');
    await d.getByRole('button', { name: '保存', exact: true }).click();
    await d.getByText('请填写以 / 或 http(s):// 开头、不含空格的地址').waitFor();
    await d.getByLabel('照片地址').fill('/favicon.svg');
    await choose(d, '服务窗口', 'A01 综合窗口', 'A01');
    await d.locator('.ant-modal-title').click();
    await submitDialog(d);
    await page.getByRole('row', { name: /马晓东/ }).getByText('A01 综合窗口').waitFor();

    // 服务事项.
    await open('service-items', '服务事项');
    await page.getByRole('button', { name: '新增事项' }).click();
    d = dialog('新增事项');
    await d.getByLabel('事项编码').fill('YC-ITEM-1');
    await d.getByLabel('事项名称').fill('最低生活保障审批');
    await choose(d, '实施主体', '盐池县民政局', '民政');
    await choose(d, '行政区划', /^盐池县（/, '盐池');
    await submitDialog(d);
    await page.getByRole('row', { name: /YC-ITEM-1/ }).getByText('v1', { exact: true }).waitFor();

    // 评价规则: the county's first version adds a reason for a bad rating; the diff says exactly that.
    await open('evaluation-policy', '评价规则');
    await choose(page, '行政区划', /^盐池县（/, '盐池');
    await page.getByText('沿用全国的规则 v1').waitFor();
    await page.getByRole('button', { name: '编辑规则' }).click();
    await page.getByRole('button', { name: '为“不满意”添加标签' }).click();
    expect(await page.getByLabel('不满意 第 6 个标签的编码').inputValue()).toBe('206');
    await page.getByLabel('不满意 第 6 个标签的中文名称').fill('排队时间长');
    await page.getByLabel('不满意 第 6 个标签的英文名称').fill('Long queue');
    await page.getByLabel('版本说明').fill('盐池县：增加差评标签“排队时间长”');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    const diff = page.getByRole('list', { name: '本次修改' });
    await diff.getByText('标签 206 排队时间长').waitFor();
    expect(await diff.getByRole('listitem').count()).toBe(1);
    await page.getByText('本区划规则 v1').waitFor();

    // 接口集成: the approval system's key, shown once.
    await open('integrations', '接口集成');
    await page.getByRole('button', { name: '新增接入系统' }).click();
    d = dialog('新增接入系统');
    await d.getByLabel('系统名称').fill('盐池县民政审批系统');
    await choose(d, '授权单位', '盐池县民政局', '民政');
    await d.locator('.ant-modal-title').click();
    await submitDialog(d, '创建并生成密钥');
    const keyDialog = dialog('“盐池县民政审批系统”的 API 密钥');
    state.apiKey = await keyDialog.getByLabel('API 密钥').inputValue();
    expect(state.apiKey).toMatch(/^hk_[\w-]+\.[\w-]+$/);
    await keyDialog.getByRole('button', { name: '我已保存密钥' }).click();
    await keyDialog.waitFor({ state: 'detached' });

    // 用户管理: the county's management office, scoped to the county.
    await open('users', '用户管理');
    await page.getByRole('button', { name: '新增用户' }).click();
    d = dialog('新增用户');
    await d.getByLabel('用户名').fill(OFFICE.username);
    await d.getByLabel('姓名').fill(OFFICE.name);
    await d.getByLabel('初始密码').fill(OFFICE.password);
    await choose(d, '角色', '政务服务管理办公室');
    // A busy machine can leave the role list open after the choice: moving the focus away closes it.
    await d.getByLabel('姓名').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await choose(d, '数据范围：行政区划', /^盐池县（/, '盐池');
    await submitDialog(d);
    await page.getByRole('row', { name: new RegExp(OFFICE.username) }).getByText('区划：盐池县').waitFor();

    // 评价器: registered for the window; its pairing code is shown once.
    await open('devices', '评价器');
    await page.getByRole('button', { name: '登记评价器' }).click();
    d = dialog('登记评价器');
    await choose(d, '窗口', 'A01 综合窗口', 'A01');
    await d.getByLabel('评价器名称').fill('A01 平板');
    await d.getByRole('button', { name: '登记并生成配对码' }).click();
    const codeDialog = dialog('“A01 平板”的配对码');
    state.pairingCode = (await codeDialog.getByTestId('pairing-code').textContent())!.trim();
    expect(state.pairingCode).toMatch(/^\d{6}$/);
    await codeDialog.getByRole('button', { name: '完成' }).click();
    await codeDialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /A01 平板/ }).getByText('待配对').waitFor();

    // The window's QR poster, printed from the browser or downloaded as the server's PDF.
    const [poster] = await Promise.all([e2e.context.waitForEvent('page'), page.getByRole('link', { name: '二维码海报 A01 综合窗口' }).click()]);
    await poster.getByRole('img', { name: '“A01 综合窗口”的评价二维码' }).waitFor();
    const download = poster.waitForEvent('download');
    await poster.getByRole('link', { name: '下载 PDF 海报' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/^window-\d+-poster\.pdf$/);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await poster.close();
  }, TOUR_STEP_MS);

  test('a case arrives through the API; the evaluator rates it badly on the paired device', async () => {
    // The tablet at the window is paired with the code; it shows the window and its clerk with photo.
    const device = await e2e.context.newPage();
    await device.goto(`${e2e.baseUrl}/device`);
    await device.getByLabel('配对码').fill(state.pairingCode);
    await device.getByRole('button', { name: '配对', exact: true }).click();
    await device.getByRole('heading', { level: 1, name: 'A01 综合窗口' }).waitFor();
    await device.getByText('工号 E001').waitFor();
    await device.getByRole('img', { name: '马晓东' }).waitFor();
    // The console's list knows it once it is read again.
    await page.reload();
    await page.getByRole('row', { name: /A01 平板/ }).waitFor();
    expect(await page.getByRole('row', { name: /A01 平板/ }).getByText('待配对').count()).toBe(0);

    // The approval system pushes the finished case with the key the administrator was shown.
    const pushed = await fetch(`${e2e.baseUrl}/api/integration/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${state.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        caseNo: CASE_NO, itemCode: 'YC-ITEM-1', unitCode: 'YC-MZJ', staffEmployeeNo: 'E001', channel: 'offline',
        applicant: { type: 1, name: '王五', phone: '13912340001' },
        stages: [{ stage: 'received', at: minutesAgo(60) }, { stage: 'accepted', at: minutesAgo(50) }, { stage: 'completed', at: minutesAgo(5) }],
      }),
    });
    expect(pushed.status, await pushed.clone().text()).toBe(201);

    // The administrator asks the device for the rating from the console.
    await page.getByRole('button', { name: '发起评价 A01 平板' }).click();
    const invite = dialog('发起评价');
    await invite.getByLabel('办件编号').fill(CASE_NO);
    await invite.getByRole('button', { name: '发送到评价器' }).click();
    await invite.getByRole('status').getByText('已发送，等待评价').waitFor();

    // The evaluator: 不满意, with the reason the county's policy version added.
    await device.getByRole('heading', { level: 1, name: '请您对本次服务进行评价' }).waitFor();
    await device.getByText('最低生活保障审批').waitFor();
    await device.getByRole('button', { name: '不满意', exact: true }).click();
    await device.getByRole('button', { name: '排队时间长' }).click();
    await device.getByLabel(/其他意见/).fill('高峰时段只开了一个窗口');
    await device.getByRole('button', { name: '提交评价' }).click();
    await device.getByRole('heading', { level: 1, name: '感谢您的评价！' }).waitFor();
    await device.getByRole('heading', { level: 1, name: 'A01 综合窗口' }).waitFor();
    await invite.getByRole('status').getByText('评价人已完成评价').waitFor();
    expect(await invite.textContent()).not.toContain('不满意');
    await invite.getByRole('button', { name: '关闭' }).last().click();
    await device.close();
  }, TOUR_STEP_MS);

  test('the management office runs the work order to closure and publishes a reply', async () => {
    await logIn(OFFICE.username, OFFICE.password);
    await open('work-orders', '整改工单');
    const row = page.getByRole('row', { name: new RegExp(CASE_NO) });
    await row.getByText('待分派').waitFor();
    await row.getByText('2 不满意').waitFor();
    const link = row.getByRole('link', { name: /^打开工单 #\d+$/ });
    state.orderId = Number((await link.getAttribute('aria-label'))!.replace(/\D+/g, ''));
    await link.click();
    await page.getByRole('heading', { level: 1, name: `工单 #${state.orderId}` }).waitFor();
    await page.getByText('206 排队时间长').waitFor();
    await page.getByText('高峰时段只开了一个窗口').waitFor();

    await step('分派承办人', '由马晓东所在科室负责');
    await step('联系核实', '已电话联系评价人，高峰时段确实排队较久');
    await step('研判：限期整改');
    await step('整改完成', '高峰时段增开一个窗口', async (d) => {
      await d.locator('input[type=file]').setInputFiles({ name: '排班表.png', mimeType: 'image/png', buffer: PNG });
      await d.getByText('已上传 排班表.png').waitFor();
    });
    await step('反馈评价人', '已调整排班，高峰时段增开窗口。');
    await page.getByText('已反馈，待回访').first().waitFor();

    // The revisit (the office holds the 12345 duty too): the evaluator is satisfied now.
    await actions().getByRole('button', { name: '记录回访', exact: true }).click();
    const d = dialog(`记录回访：工单 #${state.orderId}`);
    await d.getByRole('radio', { name: '评价人满意' }).check();
    await d.getByRole('radio', { name: '满意', exact: true }).check();
    await d.getByLabel('评价人的说明').fill('现在不用排那么久了');
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.waitFor({ state: 'hidden' });
    await page.getByText('已记录回访').first().waitFor();

    // Closed; the office publishes the public reply.
    await page.goto(`${e2e.baseUrl}/console/work-orders/${state.orderId}`);
    await page.getByText('工单已结束。').waitFor();
    await page.getByText('尚未公开答复').waitFor();
    await page.getByLabel('公开答复内容').fill(REPLY);
    await page.getByRole('button', { name: '发布答复' }).click();
    await page.getByText('已发布公开答复').waitFor();
    await page.screenshot({ path: screenshotPath('tour-work-order.png'), fullPage: true });
  }, TOUR_STEP_MS);

  test('the public portal shows the reply on the unit’s page, the rating masked', async () => {
    await e2e.context.clearCookies();
    const replies = (await (await fetch(`${e2e.baseUrl}/api/public/replies?regionCode=640323`)).json()) as { items: unknown[] };
    expect(JSON.stringify(replies)).toContain(REPLY);

    await page.goto(`${e2e.baseUrl}/public`);
    await page.getByRole('heading', { level: 1, name: '评价结果公开' }).waitFor();
    for (const name of ['宁夏回族自治区', '吴忠市', '盐池县']) await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '盐池县 · 评价结果公开' }).waitFor();
    // The unit's own page (its id as the public unit lookup gives it).
    const units = (await (await fetch(`${e2e.baseUrl}/api/public/units?q=${encodeURIComponent('盐池县民政局')}`)).json()) as { items: { id: number }[] };
    expect(units.items).toHaveLength(1);
    await page.goto(`${e2e.baseUrl}/public/units/${units.items[0]!.id}`);
    await page.getByRole('heading', { level: 1, name: '盐池县民政局' }).waitFor();
    const reply = page.locator(`[data-reply="${state.orderId}"]`);
    await reply.waitFor();
    const text = await reply.innerText();
    expect(text).toContain(REPLY);
    expect(text).toContain('不满意');
    expect(text).toContain('排队时间长');
    const html = await page.content();
    for (const secret of ['王五', '13912340001', CASE_NO, '马晓东']) expect(html, secret).not.toContain(secret);
    await page.screenshot({ path: screenshotPath('tour-public-reply.png'), fullPage: true });
  }, TOUR_STEP_MS);
});
