/**
 * Driving the staff console in a browser test as staff do: log in, open a page from the menu, fill
 * Ant Design dialogs and selects, take a step of a work order. A test file opens its page in
 * beforeAll, so the helpers read the page and the server's address through `current` at each call.
 */
import type { Locator, Page } from 'playwright-core';

/** The page's path and query, as the address bar shows them. */
export const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};
/** The page's title (its one h1). */
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The console's sidebar menu. */
export const mainMenu = (page: Page) => page.getByRole('navigation', { name: '主菜单' });

/** Fills the console's login form and sends it. */
export async function submitLogin(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/**
 * The console helpers of one test file, bound to its page and server.
 * @example
 * const { logIn, open, dialog } = consoleUi(() => ({ page, baseUrl: e2e.baseUrl }));
 */
export function consoleUi(current: () => { page: Page; baseUrl: string }) {
  const page = () => current().page;

  /** Logs in on a fresh login page (no session left over) and waits for the console home. */
  async function logIn(username: string, password: string) {
    await page().context().clearCookies();
    await page().goto(`${current().baseUrl}/console/login`);
    await submitLogin(page(), username, password);
    await heading(page(), /^欢迎/).waitFor();
  }

  /** Opens a console page from the main menu and waits for its address and title. */
  async function open(path: string, title: string) {
    await mainMenu(page()).getByRole('link', { name: title, exact: true }).click();
    await page().waitForURL(`${current().baseUrl}/console/${path}`);
    await heading(page(), title).waitFor();
  }

  const dialog = (name: string | RegExp) => page().getByRole('dialog', { name });
  const treeNode = (name: string) => page().locator('.ant-tree').getByText(name, { exact: true });

  /** Picks an option of an Ant Design select; `search` is typed first for selects that search the server. */
  async function choose(scope: Page | Locator, label: string, option: string | RegExp, search?: string) {
    const box = scope.getByLabel(label, { exact: true });
    await box.click();
    if (search) await box.fill(search);
    await page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
  }

  /** Presses a dialog's main button and waits for it to close. */
  async function submitDialog(d: Locator, button = '保存') {
    await d.getByRole('button', { name: button, exact: true }).click();
    await d.waitFor({ state: 'hidden' });
  }

  /** On 行政区划: the first region at the top (a province), each next one below the one before, through the tree. */
  async function addRegionChain(chain: readonly (readonly [code: string, name: string])[]) {
    let parent: string | null = null;
    for (const [code, name] of chain) {
      let d: Locator;
      if (parent === null) {
        await page().getByRole('button', { name: '新增省级区划' }).click();
        d = dialog('新增省级区划');
      } else {
        await treeNode(parent).click();
        await page().getByRole('button', { name: '新增下级区划' }).click();
        d = dialog(`在“${parent}”下新增区划`);
      }
      await d.getByLabel('区划代码').fill(code);
      await d.getByLabel('区划名称').fill(name);
      await submitDialog(d);
      await treeNode(name).waitFor();
      parent = name;
    }
  }

  /** The 办理 card of a work order's page, with a button for each step the user may take. */
  const actions = () => page().locator('.ant-card', { has: page().getByRole('heading', { name: '办理', exact: true }) });

  /** One step of a work order through its dialog, confirmed by the page. */
  async function step(button: string, text?: string, more?: (d: Locator) => Promise<void>) {
    await actions().getByRole('button', { name: button, exact: true }).click();
    const d = dialog(button);
    if (text) await d.getByRole('textbox').first().fill(text);
    if (more) await more(d);
    await d.getByRole('button', { name: '提交', exact: true }).click();
    await d.waitFor({ state: 'hidden' });
    await page().getByText(`已办理：${button}`).waitFor();
  }

  return { logIn, open, dialog, treeNode, choose, submitDialog, addRegionChain, actions, step };
}

/**
 * Ends the browser's session on the server, as an expiry or a logout elsewhere does; the cookie
 * stays in the browser. Answers the cookie's value.
 */
export async function endSessionOnServer(page: Page, baseUrl: string): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'hcp_session');
  if (!cookie) throw new Error('the browser has no session cookie');
  const res = await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie: `hcp_session=${cookie.value}` } });
  if (!res.ok) throw new Error(`logout answered ${res.status}`);
  return cookie.value;
}
