import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { seedCaseWorld } from '../../../test/case-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

describe('the suggestion box', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let windowKey: string;
  let ipCounter = 0;
  const newIp = () => `10.1.0.${++ipCounter}`;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    windowKey = (await ta.c.repos.orgs.find(w.window.id))!.public_key;
    cookies.admin = (await loginAs(ta, 'admin', 'sysadmin')).cookie;
    cookies.lw = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    cookies.xq = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    cookies.mzClerk = (await loginAs(ta, 'mz.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
  });
  afterAll(() => ta.close());

  const submit = (payload: object, ip = newIp()) => ta.app.inject({ method: 'POST', url: '/api/public/suggestions', payload, remoteAddress: ip });
  const list = async (who: string, query = '') => {
    const res = await ta.app.inject({ url: `/api/suggestions${query}`, headers: { cookie: cookies[who]! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: number; text: string | null; contactPhone: string | null; windowName: string | null; orgName: string | null; regionName: string | null; answers: Record<string, number> }[];
  };

  it('shows the four questions of the policy, and the window when opened from its page', async () => {
    const res = await ta.app.inject('/api/public/suggestion-form');
    expect(res.statusCode).toBe(200);
    expect(res.json().questions.map((q: { zh: string; kind: string }) => `${q.zh}:${q.kind}`)).toEqual(['服务指引是否清晰:scale', '办事程序是否便利:scale', '材料手续是否精简:scale', '操作界面是否友好:scale']);
    expect(res.json()).toMatchObject({ textMaxLength: 150, window: null });
    expect((await ta.app.inject(`/api/public/suggestion-form?w=${windowKey}`)).json().window).toEqual({ name: 'A01 综合窗口' });
    const units = await ta.app.inject(`/api/public/units?q=${encodeURIComponent('民政')}`);
    expect(units.json().items).toEqual([{ id: w.mz.id, name: '灵武市民政局', regionName: '灵武市' }]);
    expect((await ta.app.inject('/api/public/units?q=%25')).json().items).toEqual([]);
  });

  it('stores a suggestion with an encrypted contact phone, shown masked to staff of its scope only', async () => {
    const res = await submit({ answers: { guide_clear: 2, materials_lean: 1 }, text: '希望材料清单贴在窗口', contactPhone: '13812341234', windowKey, idempotencyKey: 'sugg-1-abcdef' });
    expect(res.statusCode).toBe(201);
    const row = await ta.c.db.selectFrom('suggestions').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.contact_phone_enc).not.toContain('13812341234');
    expect(ta.c.cipher.decrypt(row.contact_phone_enc!)).toBe('13812341234');
    expect(row).toMatchObject({ region_code: '640181000000', window_id: w.window.id, contact_phone_masked: '138****1234' });
    const [seen] = await list('lw');
    expect(seen).toMatchObject({ text: '希望材料清单贴在窗口', contactPhone: '138****1234', windowName: 'A01 综合窗口', regionName: '灵武市', answers: { guide_clear: 2, materials_lean: 1 } });
    expect(JSON.stringify(await list('lw'))).not.toContain('13812341234');
    expect(await list('xq')).toEqual([]);
  });

  it('a retry with the same idempotency key stores once and answers the same', async () => {
    const body = { text: '周末能否开放', unitId: w.mz.id, idempotencyKey: 'sugg-retry-123456' };
    const first = await submit(body);
    const again = await submit(body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await ta.c.db.selectFrom('suggestions').select('id').where('idempotency_key', '=', 'sugg-retry-123456').execute()).toHaveLength(1);
    // A unit's own staff see what concerns their unit; a region filter narrows.
    expect((await list('mzClerk')).map((s) => s.text)).toEqual(['周末能否开放']);
    expect((await list('lw', `?unitId=${w.mz.id}`)).map((s) => s.orgName)).toEqual(['灵武市民政局']);
    expect((await ta.app.inject({ url: `/api/suggestions?unitId=${w.mz.id}`, headers: { cookie: cookies.xq! } })).statusCode).toBe(403);
  });

  it('a suggestion naming no place is for unscoped staff only', async () => {
    expect((await submit({ answers: { interface_friendly: 5 } })).statusCode).toBe(201);
    expect((await list('admin')).some((s) => s.answers.interface_friendly === 5 && s.regionName === null)).toBe(true);
    expect((await list('lw')).some((s) => s.answers.interface_friendly === 5)).toBe(false);
  });

  it('refuses bad input with its field: text over the limit, unknown questions, nothing at all', async () => {
    const cases: [object, number, string][] = [
      [{ text: '长'.repeat(151) }, 400, 'text'],
      [{ answers: { guide_clear: 6 } }, 400, 'answers.guide_clear'],
      [{ answers: { guide_clear: 0 } }, 400, 'answers.guide_clear'],
      [{ answers: { no_such_question: 3 } }, 400, 'answers.no_such_question'],
      [{ answers: {}, text: '   ' }, 400, 'answers'],
      [{ text: '好', contactPhone: '123' }, 400, 'contactPhone'],
      [{ text: '好', unitId: w.window.id }, 422, 'unitId'],
      [{ text: '好', windowKey: 'zzzzzzzzzzzz' }, 422, 'windowKey'],
      [{ text: '好', regionCode: '110101', unitId: w.mz.id }, 400, 'regionCode'],
      [{ text: '好', regionCode: '999999' }, 422, 'regionCode'],
      [{ text: '好', extra: 1 }, 400, 'extra'],
      [{ text: 'x'.repeat(2001) }, 400, 'text'],
    ];
    for (const [payload, status, field] of cases) {
      const res = await submit(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    expect((await submit({ text: '长'.repeat(150) })).statusCode).toBe(201);
  });

  it('limits suggestions per address and hour, but never a retry of one already stored', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit({ text: `意见 ${i}`, idempotencyKey: `sugg-limit-${i}-xxxx` }, ip)).statusCode);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    const limited = await submit({ text: '再来一条' }, ip);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', field: 'ip' });
    expect((await submit({ text: '意见 0', idempotencyKey: 'sugg-limit-0-xxxx' }, ip)).statusCode).toBe(201);
    expect((await submit({ text: '别处' }, newIp())).statusCode).toBe(201);
  });

  it('is for logged-in staff with case.read', async () => {
    expect((await ta.app.inject('/api/suggestions')).statusCode).toBe(401);
  });
});
