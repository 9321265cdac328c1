import { NATIONAL_DEFAULT_POLICY, type EvaluationPolicy, type PublicationPolicy } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, LINGWU, pushCase, type CaseWorld } from '../../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

const DATE = '2026-11-10';
const Q = `period=year&date=${DATE}`;

/**
 * The public disclosure portal's API (公开), no login: the same figures as the statistics, ranked
 * units, published replies with the rating masked, search; only what the region's publication
 * rules publish; cacheable answers; a per-address limit.
 */
describe('public disclosure over HTTP', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let gaKey: string;
  let supervisor: string;
  let unitAdmin: string;
  let operator: string;
  let replyOrder = 0;

  const get = (url: string, headers: Record<string, string> = {}) => ta.app.inject({ method: 'GET', url, headers });
  const act = (cookie: string, id: number, body: Record<string, unknown>) => ta.app.inject({ method: 'POST', url: `/api/work-orders/${id}/actions`, headers: { cookie }, payload: body });
  let policyNo = 0;
  /** A new version of 灵武市's policy with these publication rules (and a ranking of small volumes). */
  async function publish(publication: Partial<PublicationPolicy>, region = LINGWU) {
    const policy: EvaluationPolicy = {
      ...NATIONAL_DEFAULT_POLICY,
      ranking: { minVolume: 2, priorWeight: 2 },
      publication: { ...NATIONAL_DEFAULT_POLICY.publication, minVolume: 2, ...publication },
    };
    await ta.c.services.evaluationPolicies.save(system, region, policy, `publication test ${++policyNo}`);
  }

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    gaKey = (await ta.c.services.integrations.create(system, { name: '灵武公安审批系统', unitIds: [w.ga.id] })).apiKey;
    supervisor = (await loginAs(ta, 'pd.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    unitAdmin = (await loginAs(ta, 'pd.ua', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
    operator = (await loginAs(ta, 'pd.op', 'operator', { scopeRegionCode: '640181' })).cookie;
    const at = (h: number) => new Date(`${DATE}T${String(9 + h).padStart(2, '0')}:00:00+08:00`);
    // 民政局: 5 5 4 3 and one bad rating that becomes a published reply; 公安局: 5 4.
    const levels = [5, 5, 4, 3];
    for (const [i, level] of levels.entries()) {
      const caseId = await completedCase(ta, w, `PD-MZ-${i}`);
      await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level, at: at(i) });
    }
    for (const [i, level] of [5, 4].entries()) {
      const res = await pushCase(ta, gaKey, aCase(`PD-GA-${i}`, { itemCode: 'LW-ITEM-2', unitCode: 'LW-GAJ', stages: [{ stage: 'received', at: '2026-11-02T09:00:00+08:00' }, { stage: 'completed', at: '2026-11-03T10:00:00+08:00' }] }));
      expect(res.statusCode, res.body).toBe(201);
      await ta.c.services.evaluations.record(system, { caseId: res.json().id, channel: 'pc', level, at: at(i) });
    }
    // The bad rating names the evaluator and their phone in its text; its order runs to a public reply.
    const caseId = await completedCase(ta, w, 'PD-BAD');
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'sms', level: 1, tags: ['101'], text: '我叫张三丰，电话13812341234，推诿', realName: true, at: at(5) });
    replyOrder = (await ta.c.repos.workOrders.findByEvaluation(r.id))!.id;
    for (const action of ['assign', 'verify', 'decide_fix_now', 'rectify']) expect((await act(unitAdmin, replyOrder, { action, text: `${action}：马晓东` })).statusCode).toBe(200);
    expect((await act(unitAdmin, replyOrder, { action: 'feedback', text: '已约谈窗口人员并致歉' })).statusCode).toBe(200);
    expect((await act(operator, replyOrder, { action: 'revisit_unsatisfied', text: '仍不满意' })).statusCode).toBe(200);
    for (const action of ['verify', 'decide_fix_now', 'rectify']) expect((await act(unitAdmin, replyOrder, { action, text: action })).statusCode).toBe(200);
    expect((await act(unitAdmin, replyOrder, { action: 'feedback', text: '第二次整改' })).statusCode).toBe(200);
    expect((await act(operator, replyOrder, { action: 'revisit_unsatisfied', text: '还是不满意' })).statusCode).toBe(200);
    const reply = await ta.app.inject({ method: 'PUT', url: `/api/work-orders/${replyOrder}/public-reply`, headers: { cookie: unitAdmin }, payload: { text: '已明确首问负责，窗口不再推诿。' } });
    expect(reply.statusCode, reply.body).toBe(200);
    await publish({});
  });
  afterAll(() => ta.close());

  it('a region’s page shows the statistics’ figures and its units ranked, no login', async () => {
    const res = await get(`/api/public/disclosure/overview?regionCode=640181&${Q}`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    const stats = (await ta.app.inject({ method: 'GET', url: `/api/statistics?regionCode=640181&${Q}`, headers: { cookie: supervisor } })).json();
    expect(o.totals).toMatchObject({
      volume: stats.total.ratings.total,
      withheld: false,
      satisfaction: stats.total.ratings.satisfactionScore,
      badRate: stats.total.ratings.badRate,
      levelCounts: stats.total.ratings.byLevel,
      rectificationRate: stats.total.workOrders.rectificationRate,
    });
    expect(o.totals.volume).toBe(7);
    expect(o.totals.levelCounts).toEqual({ 5: 3, 4: 2, 3: 1, 2: 0, 1: 1 });
    expect(o).toMatchObject({ region: { code: '640181000000', name: '灵武市' }, period: { unit: 'year', from: '2026-01-01', to: '2026-12-31' }, published: { enabled: true, rankings: true, replies: true } });
    expect(o.parents.map((r: { name: string }) => r.name)).toEqual(['宁夏回族自治区', '银川市']);
    expect(o.children.map((r: { name: string }) => r.name)).toEqual(['东塔镇']);
    // 民政局 (5 5 4 3 1 → 72) against 公安局 (5 4 → 90): smoothing toward the mean still puts 公安局 first.
    expect(o.units.map((u: { name: string; rank: number }) => [u.name, u.rank])).toEqual([['灵武市公安局', 1], ['灵武市民政局', 2]]);
    const mz = o.units.find((u: { id: number }) => u.id === w.mz.id);
    const unitStats = (await ta.app.inject({ method: 'GET', url: `/api/statistics?orgId=${w.mz.id}&${Q}`, headers: { cookie: supervisor } })).json();
    expect(mz.figures.satisfaction).toBe(unitStats.total.ratings.satisfactionScore);
    // The national page lists the provinces to pick from.
    const national = (await get(`/api/public/disclosure/overview?${Q}`)).json();
    expect(national.region).toBeNull();
    expect(national.children.map((r: { name: string }) => r.name)).toEqual(['北京市', '宁夏回族自治区']);
  });

  it('answers are cacheable: Cache-Control public and an ETag; the same version is 304; a change makes a new ETag', async () => {
    const url = `/api/public/disclosure/units/${w.mz.id}?${Q}`;
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    const caseId = await completedCase(ta, w, 'PD-LATE');
    await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level: 5, at: new Date(`${DATE}T18:00:00+08:00`) });
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().figures.volume).toBe(first.json().figures.volume + 1);
    // Errors are never cached.
    const missing = await get('/api/public/disclosure/units/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();
  });

  it('a unit’s page: figures, its place among its region’s units and how many replies it published', async () => {
    const u = (await get(`/api/public/disclosure/units/${w.mz.id}?${Q}`)).json();
    expect(u).toMatchObject({ unit: { id: w.mz.id, name: '灵武市民政局', code: 'LW-MZJ', regionName: '灵武市' }, rank: { rank: 2, ranked: 2, listed: 2 }, replies: 1 });
    expect(u.regions.map((r: { name: string }) => r.name)).toEqual(['宁夏回族自治区', '银川市', '灵武市']);
    expect(Object.keys(u.figures).sort()).toEqual(['activeRate', 'badRate', 'goodRate', 'levelCounts', 'rectificationRate', 'replyRate', 'revisitRate', 'revisitSatisfactionRate', 'satisfaction', 'volume', 'withheld']);
  });

  it('a published bad rating shows with its reply and the rating masked: no name, phone, case number or staff member', async () => {
    const res = await get(`/api/public/disclosure/units/${w.mz.id}/replies`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ published: true, total: 1 });
    expect(body.items[0]).toMatchObject({
      id: replyOrder,
      itemName: '最低生活保障审批',
      rating: { level: 1, label: { zh: '非常不满意' }, tags: [{ code: '101', zh: '推诿扯皮' }], channel: { zh: '短信' }, ratedOn: DATE },
      outcome: 'unresolved',
      reply: '已明确首问负责，窗口不再推诿。',
    });
    // The evaluator's own words are not published by default (ratingText false).
    expect(body.items[0].rating).not.toHaveProperty('text');
    expect(res.body).not.toMatch(/张三丰|13812341234|138\*|640181199003071234|PD-BAD|马晓东|我叫/);

    // A region that publishes the text gets it with the numbers masked.
    await publish({ ratingText: true });
    const withText = (await get(`/api/public/disclosure/units/${w.mz.id}/replies`)).json();
    expect(withText.items[0].rating.text).toBe('我叫张三丰，电话***********，推诿');
    await publish({});
  });

  it('search finds units and service items by name or code, with their headline figures', async () => {
    const res = await get(`/api/public/disclosure/search?q=${encodeURIComponent('灵武市')}&${Q}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().units.map((u: { name: string }) => u.name)).toEqual(['灵武市公安局', '灵武市民政局']);
    const items = (await get(`/api/public/disclosure/search?q=${encodeURIComponent('户口')}&${Q}`)).json().items;
    expect(items).toEqual([expect.objectContaining({ code: 'LW-ITEM-2', name: '户口迁移', unit: { id: w.ga.id, name: '灵武市公安局' }, figures: { volume: 2, withheld: false, satisfaction: 90, badRate: 0 } })]);
    // By code; every version of the item counts.
    const byCode = (await get(`/api/public/disclosure/search?q=LW-ITEM-1&${Q}`)).json();
    expect(byCode.items.map((i: { code: string }) => i.code)).toEqual(['LW-ITEM-1']);
    expect(byCode.items[0].figures.volume).toBeGreaterThanOrEqual(5);
    // LIKE's own characters are literal.
    expect((await get('/api/public/disclosure/search?q=%25')).json()).toMatchObject({ units: [], items: [] });
    expect((await get('/api/public/disclosure/search?q=%20')).json().error.field).toBe('q');
  });

  it('nothing the policy does not publish is returned: figures, withheld units, replies, small volumes, a whole region', async () => {
    await publish({ metrics: ['satisfaction'], replies: false, withheldUnitIds: [w.ga.id] });
    const o = (await get(`/api/public/disclosure/overview?regionCode=640181&${Q}`)).json();
    expect(Object.keys(o.totals).sort()).toEqual(['satisfaction', 'volume', 'withheld']);
    expect(o.units.map((u: { id: number }) => u.id)).toEqual([w.mz.id]);
    expect(o.published).toMatchObject({ metrics: ['satisfaction'], replies: false });
    expect((await get(`/api/public/disclosure/units/${w.ga.id}?${Q}`)).statusCode).toBe(404);
    expect((await get(`/api/public/disclosure/units/${w.ga.id}/replies`)).statusCode).toBe(404);
    expect((await get(`/api/public/disclosure/units/${w.mz.id}/replies`)).json()).toEqual({ published: false, total: 0, items: [] });
    const search = (await get(`/api/public/disclosure/search?q=${encodeURIComponent('灵武')}&${Q}`)).json();
    expect(search.units.map((u: { id: number }) => u.id)).toEqual([w.mz.id]);
    expect((await get('/api/public/disclosure/search?q=LW-ITEM-2')).json().items).toEqual([]);
    const item = (await get(`/api/public/disclosure/search?q=LW-ITEM-1&${Q}`)).json().items;
    expect(item.map((i: { code: string }) => i.code)).toEqual(['LW-ITEM-1']);
    expect(Object.keys(item[0].figures).sort()).toEqual(['satisfaction', 'volume', 'withheld']);
    // The older list of replies follows the same rules.
    expect((await get('/api/public/replies?regionCode=640181')).json().items).toEqual([]);

    // Only level 2 published: the level-1 rating is not listed.
    await publish({ replyLevels: [2] });
    expect((await get(`/api/public/disclosure/units/${w.mz.id}/replies`)).json()).toMatchObject({ published: true, total: 0, items: [] });
    expect((await get('/api/public/replies?regionCode=640181')).json().items).toEqual([]);

    // Below the minimum volume only the volume is published, and the unit is not ranked.
    await publish({ minVolume: 100 });
    const small = (await get(`/api/public/disclosure/units/${w.mz.id}?${Q}`)).json();
    expect(small.figures).toEqual({ volume: 6, withheld: true });
    expect(small.rank).toMatchObject({ rank: null, ranked: 0 });

    // A region that publishes nothing.
    await publish({ enabled: false });
    const none = (await get(`/api/public/disclosure/overview?regionCode=640181&${Q}`)).json();
    expect(none).toMatchObject({ totals: null, units: [], ranking: null, published: { enabled: false, metrics: [] } });
    expect((await get(`/api/public/disclosure/units/${w.mz.id}?${Q}`)).statusCode).toBe(404);
    expect((await get(`/api/public/disclosure/search?q=${encodeURIComponent('灵武')}`)).json()).toMatchObject({ units: [], items: [] });
    await publish({});
    expect((await get('/api/public/replies?regionCode=640181')).json().items.map((x: { id: number }) => x.id)).toEqual([replyOrder]);
  });

  it('bad input is a 4xx with the field, never a 500', async () => {
    const cases: [string, number, string | undefined][] = [
      ['/api/public/disclosure/overview?regionCode=64x', 400, undefined],
      ['/api/public/disclosure/overview?regionCode=650000', 404, 'regionCode'],
      ['/api/public/disclosure/overview?period=week', 400, undefined],
      ['/api/public/disclosure/overview?date=2026-02-30', 400, 'date'],
      ['/api/public/disclosure/overview?colour=red', 400, undefined],
      [`/api/public/disclosure/units/${w.window.id}`, 404, undefined],
      ['/api/public/disclosure/units/0', 400, undefined],
      [`/api/public/disclosure/units/${w.mz.id}/replies?limit=1000`, 400, undefined],
      ['/api/public/disclosure/search', 400, undefined],
    ];
    for (const [url, status, field] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      if (field) expect(res.json().error.field, url).toBe(field);
    }
  });

  it('a client address is limited per minute by the national policy (429, not cached)', async () => {
    await ta.c.services.evaluationPolicies.save(system, '000000000000', { ...NATIONAL_DEFAULT_POLICY, publication: { ...NATIONAL_DEFAULT_POLICY.publication, readsPerIpPerMinute: 3 } }, 'limit test');
    const from = (remoteAddress: string) => ta.app.inject({ method: 'GET', url: '/api/public/disclosure/overview', remoteAddress });
    // The limit may have been reached by earlier calls within this minute from the test's own address; a new one starts at zero.
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await from('10.9.9.9')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await from('10.9.9.9');
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', field: 'ip' });
    expect(limited.headers['cache-control']).toBe('no-store');
    expect((await from('10.9.9.10')).statusCode).toBe(200);
  });
});
