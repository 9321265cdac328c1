import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../test/test-app.ts';
import { caseCompletedAt, completedCase, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import type { CaseWorld } from '../../test/case-fixtures.ts';
import { createTestApp, system, type TestApp } from '../../test/test-app.ts';
import type { AppError } from '../errors.ts';
import { evaluatorCtx } from './actor.ts';

describe('a bad rating opens its work order (整改工单) in the same transaction', () => {
  let ta: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const ordersOf = (evaluationId: number) => ta.c.db.selectFrom('work_orders').selectAll().where('evaluation_id', '=', evaluationId).execute();

  it('through the device, SMS and QR channels: exactly one order, routed to the unit and staff member of the case', async () => {
    for (const [i, channel] of (['device', 'sms', 'qr_code'] as const).entries()) {
      const caseId = await completedCase(ta, w, `WO-CH-${i}`);
      const r = await ta.c.services.evaluations.record(evaluatorCtx(channel, `t${i}`), { caseId, channel, level: 1, tags: ['101'] });
      expect(r.bad).toBe(true);
      const orders = await ordersOf(r.id);
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ case_id: caseId, unit_id: w.mz.id, staff_id: w.staffId, region_code: '640181000000', state: 'opened', review_round: 1, decision: null });
      const events = await ta.c.db.selectFrom('work_order_events').select(['action', 'to_state']).where('work_order_id', '=', orders[0]!.id).execute();
      expect(events).toEqual([{ action: 'open', to_state: 'opened' }]);
    }
  });

  it('through staff entry (12345 phone) over HTTP', async () => {
    await completedCase(ta, w, 'WO-PHONE');
    const op = await loginAs(ta, 'wo.op', 'operator', { scopeRegionCode: '640181' });
    const res = await ta.app.inject({ method: 'POST', url: '/api/evaluations', headers: { cookie: op.cookie }, payload: { caseNo: 'WO-PHONE', channel: 'phone', level: 2, tags: ['201'] } });
    expect(res.statusCode).toBe(201);
    expect(await ordersOf(res.json().id)).toHaveLength(1);
  });

  it('a good rating opens none', async () => {
    const caseId = await completedCase(ta, w, 'WO-GOOD');
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 4 });
    expect(r.bad).toBe(false);
    expect(await ordersOf(r.id)).toEqual([]);
  });

  it('when the order cannot be stored, the rating is not stored either', async () => {
    const caseId = await completedCase(ta, w, 'WO-FAIL');
    // A real failure of the order's insert, from the database itself, for this one case only.
    await sql`alter table work_orders add constraint wo_forced_failure check (case_id <> ${sql.lit(caseId)})`.execute(ta.c.db);
    try {
      const outcome = await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level: 1, tags: ['102'] }).then(() => 'stored', (e: Error) => e.message);
      expect(outcome).toMatch(/wo_forced_failure|check constraint/);
    } finally {
      await sql`alter table work_orders drop constraint wo_forced_failure`.execute(ta.c.db);
    }
    expect(await ta.c.db.selectFrom('evaluations').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
    // Nothing was half-done: the case can still be rated, and then gets its order.
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level: 1, tags: ['102'] });
    expect(await ordersOf(r.id)).toHaveLength(1);
  });

  it('deadlines count the region’s working days over National Day 2026', async () => {
    const caseId = await caseCompletedAt(ta, w, 'WO-GUOQING', '2026-09-29T15:00:00+08:00');
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 1, tags: ['103'], at: new Date('2026-09-30T10:00:00+08:00') });
    const [o] = await ordersOf(r.id);
    expect(o!.first_contact_due).toEqual(new Date('2026-10-09T00:00:00+08:00'));
    // 8, 9, 10 (make-up Saturday), 12, 13 October.
    expect(o!.rectify_due).toEqual(new Date('2026-10-14T00:00:00+08:00'));
    expect(o!.feedback_due).toEqual(new Date('2026-10-15T00:00:00+08:00'));
  });

  it('two people acting on one order at once: one wins, the other gets a 409', async () => {
    const caseId = await completedCase(ta, w, 'WO-RACE');
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 1, tags: ['101'] });
    const [o] = await ordersOf(r.id);
    const sup = (n: number) => ({ actor: { kind: 'user' as const, userId: n, username: `s${n}`, role: 'supervisor' as const, scope: { regionCode: '640181000000', orgPath: null }, staffId: null }, requestId: `r${n}` });
    const u1 = await loginAs(ta, 'race.1', 'supervisor', { scopeRegionCode: '640181' });
    const u2 = await loginAs(ta, 'race.2', 'supervisor', { scopeRegionCode: '640181' });
    const results = await Promise.all([u1.userId, u2.userId].map((id) => ta.c.services.workOrders.act(sup(id), o!.id, 'assign', {}).then(() => 'ok', (e: AppError) => e.status)));
    expect(results.sort()).toEqual([409, 'ok']);
    const events = await ta.c.db.selectFrom('work_order_events').select('action').where('work_order_id', '=', o!.id).execute();
    expect(events.map((e) => e.action)).toEqual(['open', 'assign']);
  });
});
