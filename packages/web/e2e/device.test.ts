import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import net from 'node:net';
import { adminApi, freePort, minutesAgo, screenshotPath, startE2e, type E2e } from './harness.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.stop();
});

/** A county with one hall window, its clerk on duty, a service item, an API key and a completed case. */
async function seedWindow(api: ReturnType<typeof adminApi>) {
  await api.post('/regions', [
    { code: '640000', name: '宁夏回族自治区' },
    { code: '640100', name: '银川市', parentCode: '640000' },
    { code: '640181', name: '灵武市', parentCode: '640100' },
  ]);
  const unit = await api.post('/organisations', { regionCode: '640181', kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
  const hall = await api.post('/organisations', { regionCode: '640181', kind: 'hall', name: '灵武市政务服务大厅A厅' });
  const window = await api.post('/organisations', { regionCode: '640181', kind: 'window', parentId: hall.id, code: 'A01', name: 'A01 综合窗口' });
  await api.post('/staff', { unitId: unit.id, employeeNo: 'E001', name: '马晓东', title: '综合受理', photoUrl: '/favicon.svg', windowIds: [window.id] });
  await api.post('/service-items', { code: 'LW-ITEM-1', name: '最低生活保障审批', itemType: 'public_service', promisedDays: 5, ownerUnitId: unit.id, regionCode: '640181' });
  const { apiKey } = await api.post('/integrations', { name: '灵武民政审批系统', unitIds: [unit.id] });
  const key = { authorization: `Bearer ${apiKey}` };
  const pushCase = (caseNo: string) =>
    api.post('/integration/cases', {
      caseNo,
      itemCode: 'LW-ITEM-1',
      unitCode: 'LW-MZJ',
      windowId: window.id,
      staffEmployeeNo: 'E001',
      channel: 'offline',
      applicant: { type: 1, name: '张三丰', phone: '13812341234' },
      stages: [
        { stage: 'received', at: minutesAgo(90) },
        { stage: 'accepted', at: minutesAgo(80) },
        { stage: 'completed', at: minutesAgo(10) },
      ],
    }, key);
  return { windowId: window.id as number, key, pushCase };
}

/** A TCP proxy to the server; `cut(true)` drops every connection and refuses new ones until `cut(false)`. */
async function tcpProxy(targetPort: string) {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(Number(targetPort), '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    cut(on: boolean) {
      down = on;
      if (on) for (const s of sockets) s.destroy();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the window rating device (评价器)', () => {
  test('pair in the browser, rate a case with a bad rating and a reason, back to idle; the clerk sees only “done”', async () => {
    const api = adminApi(e2e.baseUrl);
    await api.logIn(e2e.adminPassword);
    const { windowId, key, pushCase } = await seedWindow(api);
    await pushCase('LW-2026-E2E-0001');
    const { pairingCode } = await api.post('/devices', { windowId, name: 'A01 评价器' });

    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}/device`);
    await page.getByRole('heading', { level: 1, name: '评价器配对' }).waitFor();
    // Large type without asking: the elder-friendly mode is the device's default.
    expect(await page.locator('html').getAttribute('class')).toContain('hcp-elder');
    await page.getByLabel('配对码').fill('000000' === pairingCode ? '000001' : '000000');
    await page.getByRole('button', { name: '配对', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '配对码无效' }).waitFor();
    await page.getByLabel('配对码').fill(pairingCode);
    await page.getByRole('button', { name: '配对', exact: true }).click();

    // Idle: the window, and the clerk on duty with photo, name and number.
    await page.getByRole('heading', { level: 1, name: 'A01 综合窗口' }).waitFor();
    await page.getByText('工号 E001').waitFor();
    await page.getByRole('img', { name: '马晓东' }).waitFor();
    expect(await page.getByText('灵武市政务服务大厅A厅').count()).toBe(1);
    // The token is remembered: a reload goes straight back to idle.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'A01 综合窗口' }).waitFor();

    const { requestId, status } = await api.post('/integration/devices/evaluate', { caseNo: 'LW-2026-E2E-0001', windowId }, key);
    expect(status).toBe('sent');
    await page.getByRole('heading', { level: 1, name: '请您对本次服务进行评价' }).waitFor();
    await page.getByText('最低生活保障审批').waitFor();
    const levels = page.getByRole('group', { name: '满意程度' }).getByRole('button');
    expect(await levels.allTextContents()).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    await page.screenshot({ path: screenshotPath('device.png') });

    await page.getByRole('button', { name: '不满意', exact: true }).click();
    // A bad rating needs a reason: submitting without one says so and sends nothing.
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('alert').filter({ hasText: '请至少选择一个原因或填写意见' }).waitFor();
    const tag = page.getByRole('button', { name: '办理时间长' });
    await tag.click();
    expect(await tag.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByLabel(/其他意见/).fill('排队等了很久');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { level: 1, name: '感谢您的评价！' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'A01 综合窗口' }).waitFor();

    // The clerk's side learns that the evaluator finished, never the level, tags or text.
    const progress = await api.get(`/devices/requests/${requestId}`);
    expect(progress).toMatchObject({ requestId, status: 'done' });
    expect(JSON.stringify(progress)).not.toMatch(/level|201|排队/);
    const audit = await api.get('/audit?action=evaluation.record&limit=10');
    expect(audit.items).toEqual([expect.objectContaining({ actorId: expect.stringMatching(/^evaluator:device:\d+$/), detail: expect.objectContaining({ channel: 'device', bad: true }) })]);
    await page.close();
  });

  test('the event stream comes back after the network drops', async () => {
    const api = adminApi(e2e.baseUrl);
    await api.logIn(e2e.adminPassword);
    const windows = (await api.get('/organisations?kind=window&limit=10')).items as { id: number; name: string }[];
    const windowId = windows.find((w) => w.name === 'A01 综合窗口')!.id;
    // The tablet reaches the server through a proxy the test can cut, like a dropped Wi-Fi.
    const proxy = await tcpProxy(new URL(e2e.baseUrl).port);
    const page = await e2e.context.newPage();
    try {
      await page.goto(`${proxy.url}/device`);
      await page.getByLabel('配对码').waitFor();
      // Another origin, another storage: pair this page too, with a fresh code for the device.
      const device = (await api.get(`/devices?windowId=${windowId}`)).items[0];
      const { pairingCode } = await api.post(`/devices/${device.id}/pairing-code`, {});
      await page.getByLabel('配对码').fill(pairingCode);
      await page.getByRole('button', { name: '配对', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'A01 综合窗口' }).waitFor();

      proxy.cut(true);
      await page.getByRole('status').filter({ hasText: '正在连接服务器' }).waitFor();
      proxy.cut(false);
      await page.getByRole('status').filter({ hasText: '正在连接服务器' }).waitFor({ state: 'detached', timeout: 30_000 });

      const { apiKey } = await api.post('/integrations', { name: '第二个审批系统', unitIds: [(await api.get('/organisations?kind=unit&limit=10')).items[0].id] });
      await api.post('/integration/cases', {
        caseNo: 'LW-2026-E2E-0002',
        itemCode: 'LW-ITEM-1',
        unitCode: 'LW-MZJ',
        windowId,
        channel: 'offline',
        applicant: { type: 1, name: '李四' },
        stages: [{ stage: 'completed', at: minutesAgo(5) }],
      }, { authorization: `Bearer ${apiKey}` });
      await api.post('/devices/evaluate', { caseId: (await api.get('/cases?caseNo=LW-2026-E2E-0002')).items[0].id, windowId });
      await page.getByRole('heading', { level: 1, name: '请您对本次服务进行评价' }).waitFor();
      await page.getByRole('button', { name: '非常满意' }).click();
      await page.getByRole('heading', { level: 1, name: '感谢您的评价！' }).waitFor();
    } finally {
      await page.close();
      await proxy.close();
    }
  });
});
