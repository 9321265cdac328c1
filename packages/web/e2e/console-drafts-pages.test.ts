import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { endSessionOnServer as endSession, heading, submitLogin } from './console-helpers.ts';
import { adminApi, pushLingwuCase, seedLingwu, startE2e, type E2e } from './harness.ts';

/**
 * Nothing typed into a form on a page (not a dialog) is lost when the session ends: the evaluation
 * policy editor and the rating entered for a case keep their values when the save is answered 401;
 * after logging in again the console comes back to the page with the editor open or the case looked
 * up, the values still there, and the save goes through. A kept draft holds no personal data of the
 * evaluator, and a cancel forgets it.
 */
let e2e: E2e;
const SUPERVISOR = { username: 'lw-pages', password: 'Lingwu-Pages-2026' };
const APPLICANT = { name: '周九', phone: '13900000032' };

beforeAll(async () => {
  e2e = await startE2e();
  const admin = adminApi(e2e.baseUrl);
  await admin.logIn(e2e.adminPassword);
  await pushLingwuCase(admin, await seedLingwu(admin), 'E2E-PAGES-1', APPLICANT);
  await admin.post('/users', { username: SUPERVISOR.username, displayName: '灵武市管办', password: SUPERVISOR.password, role: 'supervisor', scopeRegionCode: '640181' });
});

afterAll(async () => {
  await e2e?.stop();
});

async function logIn(page: Page) {
  await heading(page, '管理后台登录').waitFor();
  await submitLogin(page, SUPERVISOR.username, SUPERVISOR.password);
}

const endSessionOnServer = (page: Page) => endSession(page, e2e.baseUrl);

/** The drafts the tab keeps (form-draft.ts), by key. */
const drafts = (page: Page) =>
  page.evaluate(() => {
    const storage = (globalThis as unknown as { sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null } }).sessionStorage;
    const kept: Record<string, string> = {};
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      if (key.startsWith('hcp-draft:')) kept[key] = storage.getItem(key)!;
    }
    return kept;
  });

/** Saves with the session ended: the console goes to login, and after it back to `path`. */
async function saveAfterSessionEnds(page: Page, path: string, save: () => Promise<void>) {
  await endSessionOnServer(page);
  await save();
  await page.waitForURL((u) => u.pathname === '/console/login');
  expect(new URL(page.url()).searchParams.get('next')).toBe(path);
  await logIn(page);
  await page.waitForURL(`${e2e.baseUrl}${path}`);
}

describe('console drafts of page forms', () => {
  const POLICY = '/console/evaluation-policy';
  const textMaxLength = (page: Page) => page.getByLabel('文字评价字数上限');
  const firstBadTag = (page: Page) => page.getByLabel('不满意 第 1 个标签的中文名称', { exact: true });
  const saveVersion = (page: Page) => page.getByRole('button', { name: '保存为新版本' });

  test('the policy editor: a number and a tag typed before the session ended are there after login, and saved as a new version', async () => {
    await e2e.context.clearCookies();
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}${POLICY}`);
    await logIn(page);
    await page.getByText('沿用全国的规则 v1').waitFor();
    await page.getByRole('button', { name: '编辑规则' }).click();
    expect(await textMaxLength(page).inputValue()).toBe('150');
    await textMaxLength(page).fill('300');
    await firstBadTag(page).fill('办理时间过长');

    await saveAfterSessionEnds(page, POLICY, () => saveVersion(page).click());

    // The editor is open again, for the same region and version, with what was typed.
    await saveVersion(page).waitFor();
    expect(await textMaxLength(page).inputValue()).toBe('300');
    expect(await firstBadTag(page).inputValue()).toBe('办理时间过长');
    expect(Object.keys(await drafts(page))).toEqual([expect.stringMatching(/^hcp-draft:\d+:\/console\/evaluation-policy:policy$/)]);

    await saveVersion(page).click();
    const diff = page.getByRole('list', { name: '本次修改' });
    await diff.getByRole('listitem').filter({ hasText: /标签 201：.*办理时间长.*→.*办理时间过长/ }).waitFor();
    await diff.getByRole('listitem').filter({ hasText: /文字评价字数上限：150 → 300/ }).waitFor();
    expect(await diff.getByRole('listitem').count()).toBe(2);
    await page.getByText('本区划规则 v1').waitFor();
    expect(await drafts(page)).toEqual({});
    await page.close();
  });

  test('the policy editor: a cancel after login forgets the draft', async () => {
    await e2e.context.clearCookies();
    const page = await e2e.context.newPage();
    await page.goto(`${e2e.baseUrl}${POLICY}`);
    await logIn(page);
    await page.getByText('本区划规则 v1').waitFor();
    await page.getByRole('button', { name: '编辑规则' }).click();
    await textMaxLength(page).fill('500');

    await saveAfterSessionEnds(page, POLICY, () => saveVersion(page).click());
    expect(await textMaxLength(page).inputValue()).toBe('500');
    await page.getByRole('button', { name: /^取\s?消$/ }).click();
    expect(await drafts(page)).toEqual({});

    await page.reload();
    await page.getByRole('button', { name: '编辑规则' }).click();
    expect(await textMaxLength(page).inputValue()).toBe('300');
    await page.close();
  });

  test('a rating entered for a case: kept without the scan or anyone’s personal data, back after login and entered', async () => {
    await e2e.context.clearCookies();
    const page = await e2e.context.newPage();
    const path = '/console/evaluation-entry';
    await page.goto(`${e2e.baseUrl}${path}`);
    await logIn(page);
    await page.getByLabel('办件编号').fill('E2E-PAGES-1');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    const ratingHeading = page.getByRole('heading', { name: '2. 录入办件 E2E-PAGES-1 的评价' });
    await ratingHeading.waitFor();
    await page.locator('label', { hasText: /^电子邮件$/ }).click();
    await page.getByRole('radio', { name: '不满意（差评）', exact: true }).check();
    await page.getByRole('checkbox', { name: '办理时间过长' }).check();
    await page.getByLabel('文字评价').fill('来信反映：材料退回两次');
    await page.getByRole('checkbox', { name: '实名评价' }).check();

    await saveAfterSessionEnds(page, path, () => page.getByRole('button', { name: '提交评价' }).click());

    // The case is looked up again and the form holds the rating as typed.
    await ratingHeading.waitFor();
    expect(await page.getByRole('radio', { name: '电子邮件', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '不满意（差评）', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '办理时间过长' }).isChecked()).toBe(true);
    expect(await page.getByLabel('文字评价').inputValue()).toBe('来信反映：材料退回两次');
    expect(await page.getByRole('checkbox', { name: '实名评价' }).isChecked()).toBe(true);

    // What the tab keeps is the case number and the rating: no scan, no name or phone of anyone.
    const kept = Object.values(await drafts(page));
    expect(kept).toHaveLength(1);
    const draft = JSON.parse(kept[0]!) as { values: Record<string, unknown>; context: unknown };
    expect(Object.keys(draft.values).sort()).toEqual(['channel', 'followUp', 'level', 'realName', 'tags', 'text']);
    expect(draft.context).toEqual({ caseNo: 'E2E-PAGES-1' });
    expect(kept[0]).not.toContain(APPLICANT.name);
    expect(kept[0]).not.toContain(APPLICANT.phone);

    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('已录入办件 E2E-PAGES-1 的评价').waitFor();
    expect(await drafts(page)).toEqual({});
    const admin = adminApi(e2e.baseUrl);
    await admin.logIn(e2e.adminPassword);
    const { items } = await admin.get('/evaluations?limit=10');
    expect(items).toEqual([expect.objectContaining({ caseNo: 'E2E-PAGES-1', level: 2, tags: ['201'], channel: 'email', text: '来信反映：材料退回两次', realName: true })]);
    await page.close();
  });
});
