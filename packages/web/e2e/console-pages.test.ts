import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { consoleUi } from './console-helpers.ts';
import { screenshotPath, startE2e, type E2e } from './harness.ts';

/**
 * The console's master-data, calendar, integration, audit, import and case pages, driven the way
 * staff use them: an administrator builds a county's organisations and hands out an API key, an
 * approval system pushes a case with it, and the county's supervisor imports and reads cases.
 */
let e2e: E2e;
let page: Page;
const state = { apiKey: '', holiday: '' };

beforeAll(async () => {
  e2e = await startE2e();
  page = await e2e.context.newPage();
});

afterAll(async () => {
  await e2e?.stop();
});

const { logIn, open, dialog, treeNode, choose, submitDialog, addRegionChain } = consoleUi(() => ({ page, baseUrl: e2e.baseUrl }));

/** Closes a multiple select's list (it stays open after a pick) by clicking the dialog's title. */
const closeDropdown = (d: Locator) => d.locator('.ant-modal-title').click();

describe('console pages', () => {
  test('an administrator builds regions, organisations, staff and a versioned service item', async () => {
    await logIn('admin', e2e.adminPassword);

    // 行政区划: a province, a city below it and a district below that, through the tree.
    await open('regions', '行政区划');
    await addRegionChain([['330000', '浙江省'], ['330100', '杭州市'], ['330106', '西湖区']]);

    // 机构管理: a unit and a hall at the top, a window in the hall. A window needs a parent.
    await open('organisations', '机构管理');
    await page.getByRole('button', { name: '新增机构' }).click();
    let d = dialog('新增机构');
    await choose(d, '行政区划', /^西湖区（/, '西湖');
    await d.getByLabel('机构编码').fill('XH-SJJ');
    await d.getByLabel('机构名称').fill('西湖区市场监督管理局');
    await submitDialog(d);
    await treeNode('西湖区市场监督管理局').waitFor();

    await page.getByRole('button', { name: '新增机构' }).click();
    d = dialog('新增机构');
    await choose(d, '机构类型', '窗口');
    await d.getByLabel('机构名称').fill('无处安放的窗口');
    await d.getByRole('button', { name: '保存' }).click();
    await d.getByText('该类型必须有上级机构').waitFor();
    await choose(d, '机构类型', '大厅');
    await choose(d, '行政区划', /^西湖区（/, '西湖');
    await d.getByLabel('机构编码').fill('XH-HALL');
    await d.getByLabel('机构名称').fill('西湖区政务服务大厅');
    await submitDialog(d);

    await treeNode('西湖区政务服务大厅').click();
    await page.getByRole('button', { name: '新增下级机构' }).click();
    d = dialog('新增机构');
    // Below a hall only a window fits, and it is chosen already.
    await d.getByText('可选上级：大厅、站点、中心').waitFor();
    await d.getByLabel('机构编码').fill('W01');
    await d.getByLabel('机构名称').fill('1号窗口');
    await submitDialog(d);
    await treeNode('1号窗口').waitFor();
    await page.screenshot({ path: screenshotPath('console-organisations.png') });

    // 工作人员: a member of the unit, then assigned to the window. A failed load says what failed
    // and offers to try again.
    await page.route(/\/api\/staff\?/, (route) => route.fulfill({ status: 503, body: '' }), { times: 1 });
    await open('staff', '工作人员');
    const failed = page.getByRole('alert').filter({ hasText: '工作人员加载失败' });
    await failed.getByRole('button', { name: '重试' }).click();
    await failed.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '新增工作人员' }).click();
    d = dialog('新增工作人员');
    await choose(d, '所属单位', '西湖区市场监督管理局', '市场');
    await d.getByLabel('工号').fill('E001');
    await d.getByLabel('姓名').fill('张三');
    await submitDialog(d);
    await page.getByRole('cell', { name: '张三', exact: true }).waitFor();
    await page.getByRole('button', { name: '分配窗口 张三' }).click();
    d = dialog('为“张三”分配窗口');
    await choose(d, '服务窗口', '1号窗口', '1号');
    await closeDropdown(d);
    await submitDialog(d);
    await page.getByRole('row', { name: /张三/ }).getByText('1号窗口').waitFor();

    // 服务事项: created as version 1, changed into version 2, both in the history.
    await open('service-items', '服务事项');
    await page.getByRole('button', { name: '新增事项' }).click();
    d = dialog('新增事项');
    await d.getByLabel('事项编码').fill('XK-001');
    await d.getByLabel('事项名称').fill('食品经营许可');
    await choose(d, '实施主体', '西湖区市场监督管理局', '市场');
    await choose(d, '行政区划', /^西湖区（/, '西湖');
    await submitDialog(d);
    const row = page.getByRole('row', { name: /XK-001/ });
    await row.getByText('v1', { exact: true }).waitFor();
    await page.getByRole('button', { name: '修改 XK-001' }).click();
    d = dialog(/修改事项 XK-001/);
    await d.getByLabel('承诺时限（工作日）').fill('3');
    await d.getByLabel('法定时限（工作日）').fill('20');
    await submitDialog(d, '保存为新版本');
    await row.getByText('v2', { exact: true }).waitFor();
    await page.getByRole('button', { name: '版本记录 XK-001' }).click();
    const versions = page.getByRole('dialog', { name: '“XK-001”的版本记录' });
    await versions.getByText('v1', { exact: true }).waitFor();
    await versions.getByText(/^v2/).waitFor();
    await versions.getByRole('button', { name: '关闭' }).click();
  });

  test('a local holiday is marked in the year view of the calendar', async () => {
    await open('calendar', '工作日历');
    await choose(page, '行政区划', /^西湖区（/, '西湖');
    await page.getByRole('heading', { name: /年工作日历$/ }).waitFor();
    // A working day in July, picked by clicking it in the year view.
    const day = page.locator('td[data-working="true"][data-date*="-07-"]').nth(3);
    state.holiday = (await day.getAttribute('data-date'))!;
    await day.click();
    expect(await page.getByLabel('开始日期').inputValue()).toBe(state.holiday);
    await page.getByLabel('名称').fill('西湖区地方节日');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    const marked = page.locator(`td[data-date="${state.holiday}"][data-override="true"][data-working="false"]`);
    await marked.waitFor();
    expect(await marked.getAttribute('title')).toContain('西湖区地方节日');
    await page.getByRole('table', { name: '调整版本' }).getByText('v1').waitFor();
    await page.screenshot({ path: screenshotPath('console-calendar.png'), fullPage: true });
  });

  test('an integration key is shown once', async () => {
    await open('integrations', '接口集成');
    await page.getByRole('button', { name: '新增接入系统' }).click();
    const d = dialog('新增接入系统');
    await d.getByLabel('系统名称').fill('西湖区审批系统');
    await choose(d, '授权单位', '西湖区市场监督管理局', '市场');
    await closeDropdown(d);
    await submitDialog(d, '创建并生成密钥');
    const keyDialog = dialog('“西湖区审批系统”的 API 密钥');
    await keyDialog.getByText('关闭此窗口后将不再显示此密钥').waitFor();
    state.apiKey = await keyDialog.getByLabel('API 密钥').inputValue();
    expect(state.apiKey).toMatch(/^hk_[\w-]+\.[\w-]+$/);
    await keyDialog.getByRole('button', { name: '我已保存密钥' }).click();
    await keyDialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: state.apiKey.split('.')[0] }).waitFor();
    expect(await page.content()).not.toContain(state.apiKey.split('.')[1]);

    // Rotating shows the new key once, too; the old one stops working.
    await page.getByRole('button', { name: '更换密钥 西湖区审批系统' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '更换密钥' }).click();
    const first = state.apiKey;
    state.apiKey = await keyDialog.getByLabel('API 密钥').inputValue();
    expect(state.apiKey).not.toBe(first);
    await keyDialog.getByRole('button', { name: '我已保存密钥' }).click();
    await keyDialog.waitFor({ state: 'detached' });
  });

  test('an administrator creates a county supervisor; the audit log lists it all and is intact', async () => {
    await open('users', '用户管理');
    await page.getByRole('button', { name: '新增用户' }).click();
    const d = dialog('新增用户');
    await d.getByLabel('用户名').fill('admin');
    await d.getByLabel('姓名').fill('西湖区管办');
    await d.getByLabel('初始密码').fill('short');
    await choose(d, '角色', '政务服务管理办公室');
    // Checked before sending…
    await d.getByRole('button', { name: '保存' }).click();
    await d.getByText('密码至少 10 个字符').waitFor();
    await d.getByText('该角色需要数据范围').waitFor();
    await d.getByLabel('初始密码').fill('Xihu-Pass-2024');
    await choose(d, '数据范围：行政区划', /^西湖区（/, '西湖');
    // …and what only the server knows is shown beside its field.
    await d.getByRole('button', { name: '保存' }).click();
    await d.locator('#user-create_username_help').getByText('username is taken').waitFor();
    await d.getByLabel('用户名').fill('xh-supervisor');
    await submitDialog(d);
    await page.getByRole('row', { name: /xh-supervisor/ }).getByText('区划：西湖区').waitFor();

    await open('audit', '审计日志');
    const table = page.locator('.ant-table');
    for (const action of ['region.save', 'organisation.create', 'staff.create', 'staff.windows', 'item.create', 'item.version', 'calendar.save', 'integration.create', 'user.create']) {
      await table.getByText(action, { exact: true }).first().waitFor();
    }
    await page.getByRole('button', { name: '校验' }).click();
    await page.getByText(/^审计链完整：已校验 \d+ 条记录/).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
  });

  test('the county supervisor sees the row errors of a broken import and unmasks a pushed case with a reason', async () => {
    // The approval system pushes a case with the key the administrator was shown.
    const now = Date.now();
    const pushed = await fetch(`${e2e.baseUrl}/api/integration/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${state.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        caseNo: 'XH2024000001', itemCode: 'XK-001', unitCode: 'XH-SJJ', channel: 'offline',
        applicant: { type: 1, name: '李四', idNumber: '330106199001011234', phone: '13812345678' },
        stages: [{ stage: 'received', at: new Date(now - 3_600_000).toISOString() }, { stage: 'accepted', at: new Date(now - 3_000_000).toISOString() }],
      }),
    });
    expect(pushed.status, await pushed.clone().text()).toBe(201);

    await logIn('xh-supervisor', 'Xihu-Pass-2024');
    // By its address: in full-suite runs the menu link of this last menu entry was not found in
    // time right after login (cause not yet found; noted on issue 6), while the page itself works.
    await page.goto(`${e2e.baseUrl}/console/imports`);
    await page.getByRole('heading', { level: 1, name: '批量导入' }).waitFor();
    const csv = '行政区划代码(region_code),机构类型(kind),机构编码(code),机构名称(name)\n330106,大厅,XH-H2,\n999999,窗口,W9,某窗口\n';
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 CSV 模板' }).click();
    expect((await download).suggestedFilename()).toBe('organisations-template.csv');
    await page.getByLabel('选择文件').setInputFiles({ name: 'orgs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText(/^文件未导入：发现 \d+ 处问题/).waitFor();
    const report = page.getByRole('table', { name: '错误报告' });
    await report.getByRole('cell', { name: 'name', exact: true }).waitFor();
    expect(await report.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('table', { name: '导入记录' }).getByText('已拒绝').waitFor();

    await open('cases', '办件');
    await page.getByRole('cell', { name: '138****5678' }).waitFor();
    // The phone lookup matches the whole number only.
    const filters = page.getByRole('search');
    await filters.getByLabel('手机号').fill('13812345670');
    await filters.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: '138****5678' }).waitFor({ state: 'detached' });
    await filters.getByLabel('手机号').fill('13812345678');
    await filters.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: '138****5678' }).waitFor();
    await page.getByRole('button', { name: 'XH2024000001' }).click();
    const drawer = page.getByRole('dialog', { name: '办件 XH2024000001' });
    await drawer.getByText('受理', { exact: true }).first().waitFor();
    expect(await drawer.textContent()).not.toContain('13812345678');
    await page.waitForTimeout(500); // the drawer's slide-in, for the picture only
    await page.screenshot({ path: screenshotPath('console-cases.png') });

    await drawer.getByRole('button', { name: '查看完整信息' }).click();
    const ask = dialog('查看完整信息');
    await ask.getByLabel('申请人名称').uncheck();
    await ask.getByLabel('证件号码').uncheck();
    await ask.getByLabel('查看原因').fill('核实');
    await ask.getByRole('button', { name: '查看', exact: true }).click();
    await ask.getByText('请填写 5–200 个字的原因').waitFor();
    await ask.getByLabel('查看原因').fill('回访申请人核实评价');
    await submitDialog(ask, '查看');
    await drawer.getByText('13812345678').waitFor();
    await drawer.getByText('正在显示完整个人信息').waitFor();
    expect(await drawer.textContent()).not.toContain('330106199001011234');

    // A session that ends while a page is open: its next API call goes to login and back.
    await drawer.getByRole('button', { name: '关闭' }).click();
    await e2e.context.clearCookies();
    await page.getByRole('search').getByRole('button', { name: '查询' }).click();
    await page.waitForURL((u) => u.pathname === '/console/login');
    expect(new URL(page.url()).search).toBe('?next=%2Fconsole%2Fcases');
  });
});
