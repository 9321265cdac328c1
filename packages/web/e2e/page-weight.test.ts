import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CITIZEN_PAGE, CITIZEN_PAGE_BUDGET, pageWeights } from '../scripts/page-weight.ts';
import { adminApi, ensureWebBuild, minutesAgo, startE2e, type E2e } from './harness.ts';

/**
 * Issue 7: the citizen evaluation page (/e/:token) downloads at most 40,000 bytes of gzipped JS and
 * CSS. A byte count of the build, not a timing: it holds on any machine.
 */
describe('the weight of the public pages', () => {
  test('the citizen evaluation page is within its budget, without React DOM, React Router or Ant Design', async () => {
    await ensureWebBuild();
    const weights = pageWeights();
    for (const w of weights) console.log(`page weight ${w.page}: ${w.gzipBytes} bytes gzipped JS+CSS (${w.bytes} raw, ${w.files.length} files)`);
    const citizen = weights.find((w) => w.page === CITIZEN_PAGE)!;
    console.log(`citizen_page.js_gzip_bytes = ${citizen.gzipBytes} (budget ${CITIZEN_PAGE_BUDGET})`);
    expect(citizen.gzipBytes).toBeLessThanOrEqual(CITIZEN_PAGE_BUDGET);
    expect(citizen.files.filter((f) => /antd|react-dom|react-router|root-|jsx-runtime/.test(f))).toEqual([]);
    expect(citizen.files.some((f) => /^assets\/evaluate-.*\.js$/.test(f))).toBe(true);
    expect(citizen.files.some((f) => f.endsWith('.css'))).toBe(true);
  });
});

describe('what the browser loads on the evaluation page', () => {
  let e2e: E2e;
  let token = '';
  beforeAll(async () => {
    e2e = await startE2e();
    const api = adminApi(e2e.baseUrl);
    await api.logIn(e2e.adminPassword);
    await api.post('/regions', [
      { code: '640000', name: '宁夏回族自治区' },
      { code: '640100', name: '银川市', parentCode: '640000' },
      { code: '640181', name: '灵武市', parentCode: '640100' },
    ]);
    const unit = await api.post('/organisations', { regionCode: '640181', kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
    await api.post('/service-items', { code: 'LW-ITEM-1', name: '最低生活保障审批', itemType: 'public_service', promisedDays: 5, ownerUnitId: unit.id, regionCode: '640181' });
    const { apiKey } = await api.post('/integrations', { name: '灵武民政审批系统', unitIds: [unit.id] });
    await api.post(
      '/integration/cases',
      {
        caseNo: 'E2E-WEIGHT', itemCode: 'LW-ITEM-1', unitCode: 'LW-MZJ', channel: 'online',
        applicant: { type: 1, name: '张三丰', phone: '13900000001' },
        stages: [{ stage: 'received', at: minutesAgo(90) }, { stage: 'accepted', at: minutesAgo(80) }, { stage: 'completed', at: minutesAgo(10) }],
      },
      { authorization: `Bearer ${apiKey}` },
    );
    // A portal's signed link, as docs/integration/signed-links.md says.
    const [k, secret] = (apiKey as string).split('.') as [string, string];
    const x = Math.floor(Date.now() / 1000) + 3600;
    const sig = createHmac('sha256', secret).update(`${k}|E2E-WEIGHT|${x}||pc`).digest('hex');
    token = (await api.post('/public/signed-links', { k, c: 'E2E-WEIGHT', x, ch: 'pc', sig })).token;
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  test('the JS and CSS a browser fetches for a case to rate are the files counted above', async () => {
    const page = await e2e.context.newPage();
    const fetched = new Map<string, Promise<Buffer>>();
    page.on('response', (r) => {
      const p = new URL(r.url()).pathname;
      if (/\.(js|css)$/.test(p) && !fetched.has(p)) fetched.set(p, r.body());
    });
    await page.goto(`${e2e.baseUrl}/e/${token}`);
    await page.getByRole('radio', { name: '非常满意' }).waitFor();
    await page.getByText('最低生活保障审批').waitFor();
    // Open every part of the form, so code loaded on demand would show up too.
    await page.getByRole('radio', { name: '不满意', exact: true }).check();
    await page.getByRole('group', { name: /请选择不满意的原因/ }).waitFor();
    await page.getByText('更多评价（选填）').click();
    await page.getByRole('button', { name: '适老化模式' }).click();
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Rate the service' }).waitFor();

    const counted = pageWeights().find((w) => w.page === CITIZEN_PAGE)!;
    const paths = [...fetched.keys()].sort();
    expect(paths.filter((p) => !counted.files.includes(p.slice(1)))).toEqual([]);
    expect(paths.some((p) => /^\/assets\/evaluate-.*\.js$/.test(p))).toBe(true);
    let gzipped = 0;
    for (const body of fetched.values()) gzipped += gzipSync(await body).length;
    console.log(`the browser fetched ${paths.length} JS/CSS files for /e/:token: ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(counted.gzipBytes);
    await page.close();
  });
});
