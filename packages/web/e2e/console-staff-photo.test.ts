import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { adminApi, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e();
  page = await e2e.context.newPage();
});

afterAll(async () => {
  await e2e?.stop();
});

/** A real 1×1 PNG, so the browser can draw it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('staff photos', () => {
  test('upload a photo in the console, with a preview; the window’s rating device shows it', async () => {
    const api = adminApi(e2e.baseUrl);
    await api.logIn(e2e.adminPassword);
    await api.post('/regions', [
      { code: '640000', name: '宁夏回族自治区' },
      { code: '640100', name: '银川市', parentCode: '640000' },
      { code: '640181', name: '灵武市', parentCode: '640100' },
    ]);
    const unit = await api.post('/organisations', { regionCode: '640181', kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
    const hall = await api.post('/organisations', { regionCode: '640181', kind: 'hall', name: '灵武市政务服务大厅A厅' });
    const window = await api.post('/organisations', { regionCode: '640181', kind: 'window', parentId: hall.id, code: 'A01', name: 'A01 综合窗口' });
    await api.post('/staff', { unitId: unit.id, employeeNo: 'E001', name: '马晓东', title: '综合受理', windowIds: [window.id] });

    await page.goto(`${e2e.baseUrl}/console/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(e2e.adminPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^欢迎/ }).waitFor();
    await page.goto(`${e2e.baseUrl}/console/staff`);
    await page.getByRole('heading', { level: 1, name: '工作人员' }).waitFor();
    await page.getByRole('button', { name: '照片 马晓东' }).click();
    const dialog = page.getByRole('dialog', { name: '“马晓东”的照片' });
    await dialog.getByText('还没有照片，评价器显示姓名首字。').waitFor();
    // A file that is not an image is refused with the reason, and nothing is stored.
    await dialog.getByLabel('选择新照片').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await dialog.getByRole('button', { name: '上传照片' }).click();
    await dialog.getByRole('alert').filter({ hasText: /JPEG|PNG|WebP/ }).waitFor();
    await dialog.getByLabel('选择新照片').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await dialog.getByRole('img', { name: '所选照片预览' }).waitFor();
    await dialog.getByRole('button', { name: '上传照片' }).click();
    const current = dialog.getByRole('img', { name: '马晓东的照片' });
    await current.waitFor();
    expect(await current.getAttribute('src')).toMatch(/^\/api\/public\/staff-photos\/\d+\/[0-9a-f]{64}$/);
    const audit = await api.get('/audit?action=staff.photo.upload&limit=10');
    expect(audit.items).toHaveLength(1);

    // The device paired to the window shows the uploaded photo on its idle screen.
    const { pairingCode } = await api.post('/devices', { windowId: window.id, name: 'A01 评价器' });
    const device = await e2e.context.newPage();
    await device.goto(`${e2e.baseUrl}/device`);
    await device.getByLabel('配对码').fill(pairingCode);
    await device.getByRole('button', { name: '配对', exact: true }).click();
    await device.getByRole('heading', { level: 1, name: 'A01 综合窗口' }).waitFor();
    const photo = device.getByRole('img', { name: '马晓东' });
    await photo.waitFor();
    expect(await photo.getAttribute('src')).toBe(await current.getAttribute('src'));
    // The image was really served and drawn, not replaced by the initial after an error.
    await device.waitForFunction("document.querySelector('img.device-photo')?.naturalWidth === 1");
    await device.close();
  });
});
