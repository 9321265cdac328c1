import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, seedCaseWorld, type CaseWorld } from '../../../test/case-fixtures.ts';
import { multipartFile } from '../../../test/multipart.ts';
import { createTestApp, loginAs, PASSWORD, system, type TestApp } from '../../../test/test-app.ts';

const HOUR = 3_600_000;
const PNG = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);

/**
 * A window clerk's own work orders (workorder.read_own): the list and every read of an order (its
 * page, attachments, downloads) reach only the orders about the staff member their account is linked
 * to, and only once the rating's delay (clerkSeesRatingsAfterHours, 24 h by default) has passed; a
 * colleague's order and a fresh one answer 404. Lists meant for the unit and the office stay closed.
 */
describe('a window clerk reads exactly their own work orders', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let colleague: number;
  let clerk: string;
  let colleagueClerk: string;
  let unlinkedClerk: string;
  let unitAdmin: string;
  let own: number;
  let ofColleague: number;
  let fresh: number;

  async function clerkLogin(username: string, staffId: number | null): Promise<string> {
    await ta.c.services.auth.createUser(system, { username, displayName: username, password: PASSWORD, role: 'clerk', scopeOrgId: w.mz.id, ...(staffId ? { staffId } : {}) });
    const res = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    return `hcp_session=${res.cookies.find((k) => k.name === 'hcp_session')!.value}`;
  }
  /** A bad rating of `staffId`'s case given `hoursAgo`, and the order it opened. */
  async function badOrder(caseNo: string, staffId: number, hoursAgo: number): Promise<number> {
    const at = Date.now() - hoursAgo * HOUR;
    const pushed = await pushCase(ta, w.lwKey, aCase(caseNo, { windowId: w.window.id, staffId, stages: [{ stage: 'received', at: new Date(at - 2 * HOUR).toISOString() }, { stage: 'completed', at: new Date(at - HOUR).toISOString() }] }));
    expect(pushed.statusCode, pushed.body).toBe(201);
    const r = await ta.c.services.evaluations.record(system, { caseId: pushed.json().id, channel: 'device', level: 1, tags: ['101'], at: new Date(at) });
    return (await ta.c.repos.workOrders.findByEvaluation(r.id))!.id;
  }
  const get = (cookie: string, url: string) => ta.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
  const ids = async (cookie: string) => {
    const res = await get(cookie, '/work-orders?limit=100');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: number }[]).map((o) => o.id).sort((a, b) => a - b);
  };

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    colleague = (await ta.t.db.insertInto('staff').values({ org_id: w.mz.id, employee_no: 'E002', name: '李晓梅' }).returning('id').executeTakeFirstOrThrow()).id;
    clerk = await clerkLogin('own.clerk', w.staffId);
    colleagueClerk = await clerkLogin('own.colleague', colleague);
    unlinkedClerk = await clerkLogin('own.unlinked', null);
    unitAdmin = (await loginAs(ta, 'own.mz', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
    own = await badOrder('OWN-1', w.staffId, 30);
    ofColleague = await badOrder('OWN-2', colleague, 30);
    fresh = await badOrder('OWN-3', w.staffId, 1);
  });
  afterAll(() => ta.close());

  it('lists only their own orders whose rating is older than the delay; the unit sees all three', async () => {
    expect(await ids(clerk)).toEqual([own]);
    expect(await ids(colleagueClerk)).toEqual([ofColleague]);
    expect(await ids(unlinkedClerk)).toEqual([]);
    expect(await ids(unitAdmin)).toEqual([own, ofColleague, fresh].sort((a, b) => a - b));
  });

  it('opens their own order with its appeal window; a colleague’s or a fresh one is 404', async () => {
    const res = await get(clerk, `/work-orders/${own}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().workOrder).toMatchObject({ id: own, staffId: w.staffId, summary: { staffName: '马晓东' } });
    expect(res.json().workOrder.appealWindowEnd).toEqual(expect.any(String));
    for (const id of [ofColleague, fresh]) {
      const other = await get(clerk, `/work-orders/${id}`);
      expect(other.statusCode).toBe(404);
      expect(other.json().error.code).toBe('NOT_FOUND');
    }
    expect((await get(colleagueClerk, `/work-orders/${own}`)).statusCode).toBe(404);
  });

  it('reads and downloads the attachments of their own order only', async () => {
    const up = multipartFile('证明.png', PNG(), { contentType: 'image/png' });
    const added = await ta.app.inject({ method: 'POST', url: `/api/work-orders/${own}/attachments`, headers: { cookie: clerk, ...up.headers }, payload: up.payload });
    expect(added.statusCode, added.body).toBe(201);
    const attachment = added.json().id as number;
    const list = await get(clerk, `/work-orders/${own}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: number }) => a.id)).toEqual([attachment]);
    expect((await get(clerk, `/work-orders/${own}/attachments/${attachment}`)).statusCode).toBe(200);
    expect((await get(colleagueClerk, `/work-orders/${own}/attachments`)).statusCode).toBe(404);
    expect((await get(colleagueClerk, `/work-orders/${own}/attachments/${attachment}`)).statusCode).toBe(404);
  });

  it('names the window they serve at (outside their unit’s subtree), not another one', async () => {
    await ta.t.db.insertInto('staff_windows').values({ staff_id: w.staffId, window_id: w.window.id }).execute();
    const other = await ta.c.services.organisations.create(system, { regionCode: '640181000000', kind: 'window', parentId: w.hall.id, code: 'A02', name: 'A02 综合窗口' });
    const mine = await get(clerk, `/organisations/${w.window.id}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().name).toBe('A01 综合窗口');
    expect((await get(clerk, `/organisations/${other.id}`)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await get(colleagueClerk, `/organisations/${w.window.id}`)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await get(clerk, `/organisations/${w.hall.id}`)).json().error.code).toBe('OUT_OF_SCOPE');
  });

  it('files an appeal on their own order and sees it on the order; the office’s lists stay closed to them', async () => {
    const filed = await ta.app.inject({ method: 'POST', url: `/api/work-orders/${own}/appeals`, headers: { cookie: clerk }, payload: { reason: '评价人当场表示满意，系误操作' } });
    expect(filed.statusCode, filed.body).toBe(201);
    const page = await get(clerk, `/work-orders/${own}`);
    expect(page.json().requests).toMatchObject([{ kind: 'appeal', status: 'pending', reason: '评价人当场表示满意，系误操作' }]);
    expect((await get(clerk, '/work-order-requests')).statusCode).toBe(403);
    expect((await get(clerk, '/work-orders/real-name-report?from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
  });
});
