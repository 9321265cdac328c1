import { NATIONAL_DEFAULT_POLICY } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { caseCompletedAt, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, PASSWORD, system, type TestApp } from '../../../test/test-app.ts';

const AUG = 'from=2026-08-01&to=2026-08-31';

describe('statistics and rankings over HTTP', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: string;
  let xq: string;
  let clerk: string;
  let otherStaff: number;

  const get = (cookie: string | null, url: string) => ta.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    sup = (await loginAs(ta, 'sx.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    xq = (await loginAs(ta, 'sx.xq', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    otherStaff = (await ta.t.db.insertInto('staff').values({ org_id: w.mz.id, employee_no: 'E002', name: '李娟' }).returning('id').executeTakeFirstOrThrow()).id;
    // A window clerk linked to their staff record, scoped to their unit.
    await ta.c.services.auth.createUser(system, { username: 'sx.clerk', displayName: '马晓东', password: PASSWORD, role: 'clerk', scopeOrgId: w.mz.id, staffId: w.staffId });
    const login = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sx.clerk', password: PASSWORD } });
    clerk = `hcp_session=${login.cookies.find((k) => k.name === 'hcp_session')!.value}`;

    // August 2026 in 灵武市民政局: levels 5 5 4 3 1 on the device and SMS, one case left unrated.
    const levels = [5, 5, 4, 3, 1];
    for (const [i, level] of levels.entries()) {
      const caseId = await caseCompletedAt(ta, w, `SX-${i}`, `2026-08-0${i + 3}T10:00:00+08:00`);
      await ta.c.services.evaluations.record(system, { caseId, channel: i % 2 ? 'sms' : 'device', level, ...(level === 1 ? { tags: ['101'] } : {}), at: new Date(`2026-08-0${i + 3}T11:00:00+08:00`) });
    }
    await caseCompletedAt(ta, w, 'SX-UNRATED', '2026-08-20T10:00:00+08:00');
    // Another staff member's rating, which the clerk must not see.
    const other = await caseCompletedAt(ta, w, 'SX-OTHER', '2026-08-10T10:00:00+08:00');
    await ta.t.db.updateTable('cases').set({ staff_id: otherStaff }).where('id', '=', other).execute();
    await ta.c.services.evaluations.record(system, { caseId: other, channel: 'device', level: 2, tags: ['201'], at: new Date('2026-08-10T11:00:00+08:00') });
  });
  afterAll(() => ta.close());

  it('answers the metrics of a period with their formula version', async () => {
    const res = await get(sup, `/api/statistics?${AUG}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ formulaVersion: 1, kind: 'active', groupBy: null, groups: [], period: { from: '2026-08-01', to: '2026-08-31', days: 31, visibleThrough: null } });
    expect(body.total.formulaVersion).toBe(1);
    expect(body.total.ratings).toMatchObject({ total: 6, byLevel: { 5: 2, 4: 1, 3: 1, 2: 1, 1: 1 }, bad: 2, goodRate: 4 / 6, badRate: 2 / 6 });
    // (10 + 4 + 3 + 2 + 1) / 6 → 20 × 20 / 6.
    expect(body.total.ratings.satisfactionScore).toBeCloseTo(400 / 6, 10);
    expect(body.total.participation).toMatchObject({ completedCases: 7, activelyRated: 6, defaultRated: 0, unrated: 1 });
    expect(body.total.workOrders).toMatchObject({ opened: 2, counted: 2, rectified: 0, replyRate: 0 });
    expect(body.sources).toEqual(['stat_region_month']);
  });

  it('groups by level, channel, staff, unit, region and day for tables and charts', async () => {
    const level = (await get(sup, `/api/statistics?${AUG}&groupBy=level`)).json();
    expect(level.groups.map((g: { key: string; label: string; count: number; metrics: null }) => [g.key, g.label, g.count, g.metrics])).toEqual([
      ['5', '非常满意', 2, null], ['4', '满意', 1, null], ['3', '基本满意', 1, null], ['2', '不满意', 1, null], ['1', '非常不满意', 1, null],
    ]);
    const channel = (await get(sup, `/api/statistics?${AUG}&groupBy=channel`)).json();
    expect(channel.groups.map((g: { key: string; label: string; count: number }) => [g.key, g.label, g.count])).toEqual([['device', '政务大厅平板电脑', 4], ['sms', '短信', 2]]);
    const staff = (await get(sup, `/api/statistics?${AUG}&groupBy=staff`)).json();
    expect(staff.groups.map((g: { key: string; label: string; count: number }) => [g.key, g.label, g.count])).toEqual([[String(w.staffId), '马晓东', 5], [String(otherStaff), '李娟', 1]]);
    expect(staff.sources).toEqual(['stat_month']);
    const unit = (await get(sup, `/api/statistics?${AUG}&groupBy=unit`)).json();
    expect(unit.groups[0]).toMatchObject({ key: String(w.mz.id), label: '灵武市民政局', count: 6, share: 1 });
    const region = (await get(sup, `/api/statistics?${AUG}&groupBy=region&regionCode=640181`)).json();
    expect(region.groups.map((g: { key: string; label: string }) => [g.key, g.label])).toEqual([['640181000000', '灵武市']]);
    const days = (await get(sup, `/api/statistics?${AUG}&groupBy=day`)).json();
    expect(days.groups.map((g: { key: string }) => g.key)).toEqual(['2026-08-03', '2026-08-04', '2026-08-05', '2026-08-06', '2026-08-07', '2026-08-10', '2026-08-20']);
    expect(days.groups.at(-1)).toMatchObject({ count: 0, metrics: { participation: { completedCases: 1, unrated: 1 } } });
    const month = (await get(sup, '/api/statistics?period=quarter&date=2026-08-15&groupBy=month')).json();
    expect(month.period).toMatchObject({ from: '2026-07-01', to: '2026-09-30', days: 92 });
    expect(month.groups.map((g: { key: string; count: number }) => [g.key, g.count])).toEqual([['2026-08', 6]]);
    const limited = (await get(sup, `/api/statistics?${AUG}&groupBy=staff&limit=1`)).json();
    expect([limited.groups.length, limited.groupsTotal]).toEqual([1, 2]);
  });

  it('slices by unit, window, staff, item and channel; a channel slice has no participation', async () => {
    const q = (extra: string) => get(sup, `/api/statistics?${AUG}&${extra}`).then((r) => r.json());
    expect((await q(`orgId=${w.mz.id}`)).total.ratings.total).toBe(6);
    expect((await q(`orgId=${w.ga.id}`)).total.ratings.total).toBe(0);
    expect((await q(`windowId=${w.window.id}`)).total.ratings.total).toBe(6);
    expect((await q(`orgId=${w.hall.id}`)).total.ratings.total).toBe(6);
    expect((await q(`staffId=${otherStaff}`)).total.ratings).toMatchObject({ total: 1, bad: 1 });
    expect((await q('itemCode=LW-ITEM-1')).total.ratings.total).toBe(6);
    const sms = await q('channel=sms');
    expect(sms.total.ratings.total).toBe(2);
    expect(sms.total.participation).toBeNull();
    expect((await q('kind=default')).total.ratings).toMatchObject({ kind: 'default', total: 0, satisfactionScore: null, goodRate: null });
  });

  it('refuses reversed, too long, malformed and ambiguous periods with 400 and the field', async () => {
    const bad = async (url: string, field: string) => {
      const res = await get(sup, url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.field ?? res.json().error.details?.[0]?.field, url).toContain(field);
    };
    await bad('/api/statistics?from=2026-08-31&to=2026-08-01', 'to');
    await bad('/api/statistics?from=2020-01-01&to=2026-08-01', 'to');
    await bad('/api/statistics?from=2025-01-01&to=2026-08-01&groupBy=day', 'to');
    await bad('/api/statistics?from=2026-02-30&to=2026-03-01', 'from');
    await bad('/api/statistics?from=2026-08-01', 'to');
    await bad('/api/statistics?to=2026-08-01', 'from');
    await bad(`/api/statistics?${AUG}&period=month`, 'period');
    await bad('/api/statistics?date=2026-13-01', 'date');
    await bad('/api/statistics?from=yesterday&to=2026-08-01', 'from');
    await bad('/api/statistics?groupBy=colour', 'groupBy');
    await bad('/api/statistics?regionCode=64', 'regionCode');
    await bad('/api/statistics?shoeSize=42', 'shoeSize');
    await bad('/api/rankings?level=planet', 'level');
  });

  it('unknown ids are 422 with the field; slices outside the scope are 403', async () => {
    for (const [url, field] of [['orgId=999999', 'orgId'], ['windowId=999999', 'windowId'], [`windowId=${w.mz.id}`, 'windowId'], ['staffId=999999', 'staffId'], ['itemCode=NO-SUCH', 'itemCode'], ['regionCode=640999', 'regionCode']]) {
      const res = await get(sup, `/api/statistics?${AUG}&${url}`);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field });
    }
    for (const url of ['regionCode=640181', `orgId=${w.mz.id}`, `windowId=${w.window.id}`, `staffId=${w.staffId}`, 'itemCode=LW-ITEM-1', 'regionCode=640100']) {
      const res = await get(xq, `/api/statistics?${AUG}&${url}`);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('OUT_OF_SCOPE');
    }
    // Without a slice, 兴庆区 sees its own (empty) figures, never 灵武市's.
    expect((await get(xq, `/api/statistics?${AUG}`)).json().total.ratings.total).toBe(0);
    expect((await get(null, `/api/statistics?${AUG}`)).statusCode).toBe(401);
  });

  it('a window clerk sees only their own figures, only for days past the delay, and no ranking', async () => {
    const own = await get(clerk, `/api/statistics?${AUG}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().total.ratings.total).toBe(5);
    expect(own.json().period.visibleThrough).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await get(clerk, `/api/statistics?${AUG}&staffId=${otherStaff}`)).statusCode).toBe(403);
    expect((await get(clerk, `/api/statistics?${AUG}&groupBy=staff`)).json().groups.map((g: { key: string }) => g.key)).toEqual([String(w.staffId)]);
    // A rating of today is not counted for the clerk yet; the supervisor sees it at once.
    const today = await caseCompletedAt(ta, w, 'SX-TODAY', new Date(Date.now() - 3_600_000).toISOString());
    await ta.c.services.evaluations.record(system, { caseId: today, channel: 'device', level: 5 });
    expect((await get(clerk, '/api/statistics?period=day')).json().total.ratings.total).toBe(0);
    expect((await get(sup, '/api/statistics?period=day')).json().total.ratings.total).toBe(1);
    expect((await get(clerk, `/api/rankings?level=unit&${AUG}`)).statusCode).toBe(403);
  });

  it('ranks fairly by the region’s policy, and publishes the method', async () => {
    const res = await get(sup, `/api/rankings?level=staff&${AUG}`);
    expect(res.statusCode).toBe(200);
    const national = res.json();
    // The national minimum of 20 ratings: nobody is ranked on five.
    expect(national.method).toMatchObject({ minVolume: 20, priorWeight: 10, policyRegionCode: '000000000000' });
    expect(national.items.every((i: { rank: number | null; ranked: boolean }) => i.rank === null && !i.ranked)).toBe(true);
    await ta.c.services.evaluationPolicies.save(system, '640181000000', { ...NATIONAL_DEFAULT_POLICY, ranking: { minVolume: 1, priorWeight: 2 } }, '排名参数');
    const local = (await get(sup, `/api/rankings?level=staff&regionCode=640181&${AUG}`)).json();
    expect(local.method).toMatchObject({ minVolume: 1, priorWeight: 2, policyRegionCode: '640181000000' });
    expect(local.method.prior).toBeCloseTo(400 / 6, 10);
    expect(local.method.text.zh).toContain('贝叶斯平均');
    // 马晓东: 5 ratings averaging 3.6 (72 points); 李娟: one rating of 2 (40), pulled toward the mean.
    expect(local.items.map((i: { key: string; label: string; rank: number; volume: number }) => [i.label, i.rank, i.volume])).toEqual([['马晓东', 1, 5], ['李娟', 2, 1]]);
    expect(local.items[1].raw).toBe(40);
    expect(local.items[1].smoothed).toBeCloseTo((40 + 2 * (400 / 6)) / 3, 10);
    const bad = (await get(sup, `/api/rankings?level=unit&metric=badRate&regionCode=640181&${AUG}`)).json();
    expect(bad.items[0]).toMatchObject({ key: String(w.mz.id), label: '灵武市民政局', rank: 1, raw: 2 / 6 });
    expect((await get(xq, `/api/rankings?level=unit&regionCode=640181&${AUG}`)).statusCode).toBe(403);

    const pub = await get(null, '/api/public/ranking-method?regionCode=640181');
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cache-control']).toBe('public, max-age=300');
    expect(pub.json()).toMatchObject({ formulaVersion: 1, regionCode: '640181000000', minVolume: 1, priorWeight: 2 });
    expect((await get(null, '/api/public/ranking-method')).json()).toMatchObject({ regionCode: '000000000000', minVolume: 20 });
    expect((await get(null, '/api/public/ranking-method?regionCode=640999')).statusCode).toBe(422);
  });
});
