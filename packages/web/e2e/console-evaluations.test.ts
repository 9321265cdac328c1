import fs from 'node:fs';
import qrcode from 'qrcode-generator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleUi } from './console-helpers.ts';
import { adminApi, minutesAgo, screenshotPath, startE2e, type E2e } from './harness.ts';

/**
 * The console's evaluation pages as a county supervisor uses them: ratings entered for 12345 calls
 * and paper forms, the list of ratings, a new version of the evaluation policy with its diff, a
 * window's rating device and its pairing code, the SMS outbox and a window's printable QR poster.
 * The county itself is built through the API by the administrator.
 */
let e2e: E2e;
let page: Page;
const SUPERVISOR = { username: 'qh-supervisor', password: 'Qinhuai-Pass-2024' };
const PHONE = '13812341234';
// The smallest valid PNG: the server recognises a scan by its content, not its name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const world = { windowId: 0, publicUrl: '' };

/** 秦淮区 with a unit, a hall window and its clerk, a service item, an API key, three completed cases and a supervisor. */
async function seedCounty(api: ReturnType<typeof adminApi>) {
  await api.post('/regions', [
    { code: '320000', name: '江苏省' },
    { code: '320100', name: '南京市', parentCode: '320000' },
    { code: '320104', name: '秦淮区', parentCode: '320100' },
  ]);
  const unit = await api.post('/organisations', { regionCode: '320104', kind: 'unit', code: 'QH-RSJ', name: '秦淮区人力资源和社会保障局' });
  const hall = await api.post('/organisations', { regionCode: '320104', kind: 'hall', name: '秦淮区政务服务大厅' });
  const window = await api.post('/organisations', { regionCode: '320104', kind: 'window', parentId: hall.id, code: 'A01', name: '1号窗口' });
  await api.post('/staff', { unitId: unit.id, employeeNo: 'Q001', name: '王晓梅', windowIds: [window.id] });
  await api.post('/service-items', { code: 'QH-SB-01', name: '社会保障卡申领', itemType: 'public_service', promisedDays: 3, ownerUnitId: unit.id, regionCode: '320104' });
  const { apiKey } = await api.post('/integrations', { name: '秦淮区审批系统', unitIds: [unit.id] });
  for (const caseNo of ['QH-PHONE-1', 'QH-PAPER-1', 'QH-DEVICE-1']) {
    await api.post(
      '/integration/cases',
      {
        caseNo, itemCode: 'QH-SB-01', unitCode: 'QH-RSJ', windowId: window.id, staffEmployeeNo: 'Q001', channel: 'offline',
        applicant: { type: 1, name: '赵六', phone: PHONE },
        stages: [{ stage: 'received', at: minutesAgo(90) }, { stage: 'accepted', at: minutesAgo(80) }, { stage: 'completed', at: minutesAgo(10) }],
      },
      { authorization: `Bearer ${apiKey}` },
    );
  }
  await api.post('/users', { username: SUPERVISOR.username, displayName: '秦淮区管办', password: SUPERVISOR.password, role: 'supervisor', scopeRegionCode: '320104' });
  const link = await api.get(`/organisations/${window.id}/public-link`);
  // An SMS one-time code for the window's QR page, so the outbox has a code to mask.
  await api.post(`/public/windows/${link.publicKey}/otp`, { phone: PHONE });
  return { windowId: window.id as number, publicUrl: link.url as string };
}

beforeAll(async () => {
  e2e = await startE2e();
  const api = adminApi(e2e.baseUrl);
  await api.logIn(e2e.adminPassword);
  Object.assign(world, await seedCounty(api));
  page = await e2e.context.newPage();
});

afterAll(async () => {
  await e2e?.stop();
});

const { logIn, open, choose } = consoleUi(() => ({ page, baseUrl: e2e.baseUrl }));

async function findCase(caseNo: string) {
  await page.getByLabel('办件编号').fill(caseNo);
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.getByRole('heading', { name: `2. 录入办件 ${caseNo} 的评价` }).waitFor();
}

describe('console evaluation pages', () => {
  test('a supervisor enters a 12345 phone rating and finds it in the evaluations, without who rated', async () => {
    await logIn(SUPERVISOR.username, SUPERVISOR.password);

    await open('evaluation-entry', '代为录入');
    await findCase('QH-PHONE-1');
    await page.getByText('社会保障卡申领（QH-SB-01）').waitFor();
    // The channel buttons are labels over hidden radios; the radio's state is what counts.
    await page.locator('label', { hasText: /^电话$/ }).click();
    expect(await page.getByRole('radio', { name: '电话', exact: true }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    await page.getByRole('checkbox', { name: '办理较快' }).check();
    await page.getByLabel('文字评价').fill('电话回访：办理很快');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('已录入办件 QH-PHONE-1 的评价').waitFor();

    await open('evaluations', '评价记录');
    const row = page.getByRole('row', { name: /QH-PHONE-1/ });
    await row.getByText('4 满意').waitFor();
    await row.getByRole('cell', { name: '电话', exact: true }).waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshotPath('evaluations.png') });
    await row.getByRole('button', { name: 'QH-PHONE-1' }).click();
    const drawer = page.getByRole('dialog', { name: '办件 QH-PHONE-1 的评价' });
    await drawer.getByText('401 办理较快').waitFor();
    await drawer.getByText('电话回访：办理很快').waitFor();
    // The applicant's name and phone are nowhere on the rating.
    const text = await drawer.textContent();
    expect(text).not.toContain('赵六');
    expect(text).not.toContain('138');
    await drawer.getByRole('button', { name: '关闭' }).click();
  });

  test('a paper form is refused without a scan and accepted with a PNG scan', async () => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/evaluations') sent.push(r.headers()['content-type'] ?? '');
    });
    await open('evaluation-entry', '代为录入');
    await findCase('QH-PAPER-1');
    await page.locator('label', { hasText: /^书面评价表$/ }).click();
    expect(await page.getByRole('radio', { name: '书面评价表', exact: true }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: '非常满意', exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('书面评价表需要上传扫描件').waitFor();
    const upload = page.locator('#entry_scan');
    await upload.setInputFiles({ name: 'form.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
    await page.getByText('只能上传 PDF、JPEG 或 PNG 文件').waitFor();
    expect(sent).toEqual([]);

    await upload.setInputFiles({ name: 'form.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('已录入办件 QH-PAPER-1 的评价').waitFor();
    await page.getByText(/扫描件已存档/).waitFor();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^multipart\/form-data/);
  });

  test('the GB/T 39046 export of a period downloads as CSV with both ratings', async () => {
    await open('evaluations', '评价记录');
    await page.getByRole('button', { name: '导出', exact: true }).click();
    const d = page.getByRole('dialog', { name: '导出评价数据（GB/T 39046-2020）' });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await d.getByPlaceholder('开始日期').fill(day(-1));
    await d.getByPlaceholder('结束日期').fill(day(0));
    await d.getByPlaceholder('结束日期').press('Enter');
    const download = page.waitForEvent('download');
    await d.getByRole('button', { name: '导出', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^gbt39046-evaluations-.*\.csv$/);
    const csv = fs.readFileSync(await file.path(), 'utf8');
    expect(csv).toContain('QH-PHONE-1');
    expect(csv).toContain('QH-PAPER-1');
    await d.waitFor({ state: 'hidden' });
  });

  test('a new policy version: a problem the server finds is shown at its field, then the diff of the saved version', async () => {
    await open('evaluation-policy', '评价规则');
    await page.getByText('沿用全国的规则 v1').waitFor();
    await page.getByRole('button', { name: '编辑规则' }).click();
    await page.getByRole('button', { name: '为“不满意”添加标签' }).click();
    const code = page.getByLabel('不满意 第 6 个标签的编码');
    expect(await code.inputValue()).toBe('206');
    await page.getByLabel('不满意 第 6 个标签的中文名称').fill('排队时间长');
    await page.getByLabel('不满意 第 6 个标签的英文名称').fill('Long queue');
    const reminder = page.getByLabel('截止前提醒（工作日，0 为不提醒）');
    await reminder.fill('9');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText('规则有 1 处问题，未保存').waitFor();
    await page.locator('#policy_reminderWorkingDaysBefore_help').getByText('from 0 to less than the default period').waitFor();

    await reminder.fill('1');
    await page.getByLabel('版本说明').fill('增加差评标签：排队时间长');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    const diff = page.getByRole('list', { name: '本次修改' });
    await diff.getByText('标签 206 排队时间长').waitFor();
    expect(await diff.getByRole('listitem').count()).toBe(1);
    await page.getByText('本区划规则 v1').waitFor();
    await page.getByRole('table', { name: '本区划的版本记录' }).getByText('增加差评标签：排队时间长').waitFor();
    await page.screenshot({ path: screenshotPath('policy.png') });
  });

  test('a device registered for the window shows its pairing code once; asking it for a rating tells only that it was done', async () => {
    await open('devices', '评价器');
    await page.getByRole('button', { name: '登记评价器' }).click();
    const d = page.getByRole('dialog', { name: '登记评价器' });
    await choose(d, '窗口', '1号窗口', '1号');
    await d.getByLabel('评价器名称').fill('A01 平板');
    await d.getByRole('button', { name: '登记并生成配对码' }).click();
    const codeDialog = page.getByRole('dialog', { name: '“A01 平板”的配对码' });
    const code = (await codeDialog.getByTestId('pairing-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await codeDialog.getByRole('button', { name: '完成' }).click();
    await codeDialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /A01 平板/ }).getByText('待配对').waitFor();

    // The tablet types the code; the console then asks it to show the rating screen for a case.
    const paired = await fetch(`${e2e.baseUrl}/api/device/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(paired.status).toBe(200);
    const { deviceToken } = (await paired.json()) as { deviceToken: string };
    await page.getByRole('button', { name: '发起评价 A01 平板' }).click();
    const invite = page.getByRole('dialog', { name: '发起评价' });
    await invite.getByLabel('办件编号').fill('QH-DEVICE-1');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/devices/evaluate'));
    await invite.getByRole('button', { name: '发送到评价器' }).click();
    const { requestId } = (await (await answered).json()) as { requestId: number };
    await invite.getByRole('status').getByText('已发送，等待评价').waitFor();
    const rated = await fetch(`${e2e.baseUrl}/api/device/requests/${requestId}/evaluation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Device ${deviceToken}` },
      body: JSON.stringify({ level: 5 }),
    });
    expect(rated.status).toBe(200);
    await invite.getByRole('status').getByText('评价人已完成评价').waitFor();
    expect(await invite.textContent()).not.toContain('非常满意');
    await invite.getByRole('button', { name: '关闭' }).last().click();
  });

  test('the SMS outbox shows the one-time code masked', async () => {
    await open('sms', '短信');
    const row = page.getByRole('table', { name: '发件箱' }).getByRole('row', { name: /验证码/ });
    await row.getByText('138****1234').waitFor();
    expect(await row.textContent()).toMatch(/\*{6}/);
    expect(await row.textContent()).not.toContain(PHONE);
  });

  test('the window QR poster prints the window, its hall and a QR code of its public link', async () => {
    await open('devices', '评价器');
    const [poster] = await Promise.all([e2e.context.waitForEvent('page'), page.getByRole('link', { name: '二维码海报 1号窗口' }).click()]);
    await poster.waitForURL(`${e2e.baseUrl}/console/windows/${world.windowId}/poster`);
    const qr = poster.getByRole('img', { name: '“1号窗口”的评价二维码' });
    await qr.waitFor();
    const main = poster.getByRole('main');
    for (const text of ['1号窗口', '秦淮区政务服务大厅', '扫码评价', world.publicUrl]) await main.getByText(text, { exact: true }).waitFor();
    // The code drawn is the one for the window's link, and large enough to scan from a poster.
    const expected = qrcode(0, 'M');
    expected.addData(world.publicUrl);
    expected.make();
    expect(Number(await qr.getAttribute('data-modules'))).toBe(expected.getModuleCount());
    expect((await qr.locator('path').getAttribute('d'))!.length).toBeGreaterThan(200);
    expect((await qr.boundingBox())!.width).toBeGreaterThan(300);
    await poster.close();
  });
});
