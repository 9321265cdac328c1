import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

describe('work orders over HTTP: the whole closed loop', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let unitAdmin: string;
  let operator: string;
  let xqSup: string;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    unitAdmin = (await loginAs(ta, 'mz.admin', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
    operator = (await loginAs(ta, 'lw.op', 'operator', { scopeRegionCode: '640181' })).cookie;
    xqSup = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
  });
  afterAll(() => ta.close());

  async function badOrder(caseNo: string): Promise<number> {
    const caseId = await completedCase(ta, w, caseNo);
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level: 1, tags: ['101'] });
    return (await ta.c.repos.workOrders.findByEvaluation(r.id))!.id;
  }
  const act = (cookie: string, id: number, action: string, text?: string, extra: Record<string, unknown> = {}) =>
    ta.app.inject({ method: 'POST', url: `/api/work-orders/${id}/actions`, headers: { cookie }, payload: { action, ...(text ? { text } : {}), ...extra } });
  async function steps(cookie: string, id: number, actions: string[]) {
    for (const a of actions) {
      const res = await act(cookie, id, a, `${a} 说明`);
      expect(res.statusCode, `${a}: ${res.body}`).toBe(200);
    }
  }
  const handling = ['verify', 'decide_fix_by_deadline', 'rectify', 'feedback'];

  it('assign → verify → decide → rectify → feedback → unsatisfied → round 2 → satisfied: closed_resolved', async () => {
    const id = await badOrder('WO-LOOP');
    const list = await ta.app.inject({ method: 'GET', url: '/api/work-orders?state=opened', headers: { cookie: unitAdmin } });
    expect(list.json().items.map((o: { id: number }) => o.id)).toContain(id);
    await steps(unitAdmin, id, ['assign', ...handling]);
    const round1 = await act(operator, id, 'revisit_unsatisfied', '群众仍不满意');
    expect(round1.json().workOrder).toMatchObject({ state: 'assigned', reviewRound: 2, decision: null });
    await steps(unitAdmin, id, handling);
    const done = await act(operator, id, 'revisit_satisfied', '回访满意', { level: 4 });
    expect(done.statusCode).toBe(200);
    expect(done.json().workOrder).toMatchObject({ state: 'closed_resolved', reviewRound: 2, overdue: false, pendingDeadline: null });
    expect(done.json().workOrder.closedAt).not.toBeNull();
    const detail = await ta.app.inject({ method: 'GET', url: `/api/work-orders/${id}`, headers: { cookie: unitAdmin } });
    const events = detail.json().events as { action: string; text: string | null; actorUserId: number | null }[];
    expect(events.map((e) => e.action)).toEqual(['open', 'assign', ...handling, 'revisit_unsatisfied', ...handling, 'revisit_satisfied']);
    expect(events[1]).toMatchObject({ text: 'assign 说明' });
    expect(events[1]!.actorUserId).not.toBeNull();
    expect(Object.keys(detail.json().workOrder.deadlines).sort()).toEqual(['feedbackDue', 'firstContactDue', 'rectifyDue']);
    const audited = await ta.c.db.selectFrom('audit_log').select('action').where('target_type', '=', 'work_order').where('target_id', '=', String(id)).execute();
    expect(audited).toHaveLength(events.length);
  });

  it('a second unsatisfied revisit after the allowed review closes unresolved; nothing further is allowed', async () => {
    const id = await badOrder('WO-UNRES');
    await steps(unitAdmin, id, ['assign', ...handling]);
    expect((await act(operator, id, 'revisit_unsatisfied', '仍不满意')).statusCode).toBe(200);
    await steps(unitAdmin, id, handling);
    const closed = await act(operator, id, 'revisit_unsatisfied', '还是不满意');
    expect(closed.json().workOrder).toMatchObject({ state: 'closed_unresolved', reviewRound: 2 });
    expect((await act(operator, id, 'revisit_satisfied', undefined, { level: 5 })).json().error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('skipping a step and acting twice are 409 ILLEGAL_TRANSITION, and change nothing', async () => {
    const id = await badOrder('WO-SKIP');
    const skip = await act(unitAdmin, id, 'rectify');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'action' });
    expect((await act(unitAdmin, id, 'assign')).statusCode).toBe(200);
    const twice = await act(unitAdmin, id, 'assign');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ILLEGAL_TRANSITION');
    const events = await ta.c.repos.workOrders.events(id);
    expect(events.map((e) => e.action)).toEqual(['open', 'assign']);
  });

  it('the unit cannot record the revisit, the operator cannot handle; an unknown action is a 400', async () => {
    const id = await badOrder('WO-ROLES');
    expect((await act(operator, id, 'assign')).statusCode).toBe(403);
    await steps(unitAdmin, id, ['assign', ...handling]);
    expect((await act(unitAdmin, id, 'revisit_satisfied')).statusCode).toBe(403);
    expect((await act(unitAdmin, id, 'close_quietly')).statusCode).toBe(400);
  });

  it('a 兴庆区 (640104) supervisor acting on a 灵武市 (640181) order gets 403, and does not see it', async () => {
    const id = await badOrder('WO-SCOPE');
    const res = await act(xqSup, id, 'assign');
    expect(res.statusCode).toBe(403);
    expect((await ta.app.inject({ method: 'GET', url: `/api/work-orders/${id}`, headers: { cookie: xqSup } })).statusCode).toBe(403);
    const list = await ta.app.inject({ method: 'GET', url: '/api/work-orders', headers: { cookie: xqSup } });
    expect(list.json().items).toEqual([]);
    expect((await ta.c.repos.workOrders.find(id))!.state).toBe('opened');
  });

  it('overdue: lists orders whose pending deadline has passed', async () => {
    const id = await badOrder('WO-LATE');
    await ta.c.db.updateTable('work_orders').set({ first_contact_due: new Date('2026-01-05T00:00:00+08:00') }).where('id', '=', id).execute();
    const res = await ta.app.inject({ method: 'GET', url: '/api/work-orders?overdue=true', headers: { cookie: unitAdmin } });
    const items = res.json().items as { id: number; overdue: boolean; pendingDeadline: string }[];
    expect(items.map((o) => o.id)).toEqual([id]);
    expect(items[0]).toMatchObject({ overdue: true, pendingDeadline: 'firstContactDue' });
    // The console's countdown: working days on the region calendar, negative once overdue.
    expect((items[0] as unknown as { workingDaysLeft: number }).workingDaysLeft).toBeLessThan(0);
  });

  it('shows what the order is about (never who rated), the working days left, the appeal window and who took each step', async () => {
    const id = await badOrder('WO-SHOWN');
    await steps(unitAdmin, id, ['assign']);
    const list = await ta.app.inject({ method: 'GET', url: '/api/work-orders?state=assigned', headers: { cookie: unitAdmin } });
    const listed = (list.json().items as { id: number; summary: unknown; workingDaysLeft: number; appealWindowEnd?: string }[]).find((o) => o.id === id)!;
    expect(listed.summary).toMatchObject({ caseNo: 'WO-SHOWN', level: 1, realName: false, excludedAs: null });
    expect(listed.workingDaysLeft).toBeGreaterThanOrEqual(0);
    expect(listed.appealWindowEnd).toBeUndefined();
    const detail = (await ta.app.inject({ method: 'GET', url: `/api/work-orders/${id}`, headers: { cookie: unitAdmin } })).json();
    expect(new Date(detail.workOrder.appealWindowEnd).getTime()).toBeGreaterThan(new Date(detail.workOrder.openedAt).getTime());
    expect(detail.events.map((e: { actorName?: string | null }) => e.actorName ?? null)).toEqual([null, expect.any(String)]);
    expect(JSON.stringify(detail)).not.toMatch(/evaluator|phone/i);
  });
});
