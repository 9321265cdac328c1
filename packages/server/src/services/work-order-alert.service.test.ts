import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../test/case-fixtures.ts';
import { caseCompletedAt, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../test/test-app.ts';
import type { Database } from '../db/database.ts';
import { Worker } from '../jobs/worker.ts';
import { AuditRepository } from '../repositories/audit.repository.ts';
import { CalendarRepository } from '../repositories/calendar.repository.ts';
import { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import { JobRepository } from '../repositories/job.repository.ts';
import { NotificationRepository } from '../repositories/notification.repository.ts';
import { RegionRepository } from '../repositories/region.repository.ts';
import { WorkOrderAlertRepository } from '../repositories/work-order-alert.repository.ts';
import { WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { systemCtx } from './actor.ts';
import { CalendarService } from './calendar.service.ts';
import { NotificationService } from './notification.service.ts';
import { WorkOrderAlertService } from './work-order-alert.service.ts';

const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const job = systemCtx('workorders.clock');

/** The clock job built on its own connection (another instance's), with a clock the test moves. */
function clockOn(db: Database, now: () => Date) {
  const audit = new AuditRepository(db);
  return new WorkOrderAlertService({
    db,
    alerts: new WorkOrderAlertRepository(db),
    orders: new WorkOrderRepository(db),
    evaluations: new EvaluationRepository(db),
    calendar: new CalendarService(db, new CalendarRepository(db), new RegionRepository(db), audit),
    notifications: new NotificationService(new NotificationRepository(db)),
    audit,
    now,
  });
}

describe('the work-order clock: warnings (预警), red cards (红牌) and escalation, over National Day 2026', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let now = at('2026-09-30 15:00');
  let clock: WorkOrderAlertService;
  const users: Record<string, { cookie: string; userId: number }> = {};

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    users.unit = await loginAs(ta, 'mz.admin', 'unit_admin', { scopeOrgId: w.mz.id });
    users.otherUnit = await loginAs(ta, 'ga.admin', 'unit_admin', { scopeOrgId: w.ga.id });
    users.county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' });
    users.city = await loginAs(ta, 'yc.sup', 'supervisor', { scopeRegionCode: '640100' });
    users.province = await loginAs(ta, 'nx.sup', 'supervisor', { scopeRegionCode: '640000' });
    users.otherCounty = await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' });
    users.operator = await loginAs(ta, 'lw.op', 'operator', { scopeRegionCode: '640181' });
    clock = clockOn(ta.c.db, () => now);
  });
  afterAll(() => ta.close());

  /** A bad rating given at `ratedAt` (Beijing) on a case completed an hour before; returns its order's id. */
  async function badOrder(caseNo: string, ratedAt: string): Promise<number> {
    const caseId = await caseCompletedAt(ta, w, caseNo, new Date(at(ratedAt).getTime() - 3_600_000).toISOString());
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level: 1, tags: ['101'], at: at(ratedAt) });
    return (await ta.c.repos.workOrders.findByEvaluation(r.id))!.id;
  }
  const inbox = (userId: number) => ta.c.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  const alertsOf = (orderId: number) => ta.c.db.selectFrom('work_order_alerts').select(['deadline', 'level', 'recipients']).where('work_order_id', '=', orderId).orderBy('id').execute();
  const get = (cookie: string, url: string) => ta.app.inject({ method: 'GET', url, headers: { cookie } });

  let orderId: number;

  it('a rating of Wed 09-30 gets its first contact due at the end of Thu 10-08, after the holiday', async () => {
    orderId = await badOrder('ALERT-1', '2026-09-30 15:00');
    const o = (await ta.c.repos.workOrders.find(orderId))!;
    expect(o.first_contact_due).toEqual(at('2026-10-09 00:00'));
    expect(o.rectify_due).toEqual(at('2026-10-14 00:00'));
    now = at('2026-10-07 12:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 0, redCards: 0, escalations: 0 });
  });

  it('warns on the deadline’s last working day: the unit and the county office are told, once however often the job runs', async () => {
    now = at('2026-10-08 00:05');
    expect(await clock.run(job)).toMatchObject({ warnings: 1, redCards: 0, escalations: 0, notified: 2 });
    now = at('2026-10-08 09:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 0, redCards: 0, escalations: 0, notified: 0 });
    expect((await inbox(users.unit!.userId)).map((n) => n.kind)).toEqual(['workorder.warning']);
    expect((await inbox(users.county!.userId)).map((n) => n.kind)).toEqual(['workorder.warning']);
    for (const u of ['otherUnit', 'city', 'province', 'otherCounty', 'operator']) expect(await inbox(users[u]!.userId), u).toEqual([]);
    const [n] = await inbox(users.unit!.userId);
    expect(n).toMatchObject({ target_type: 'work_order', target_id: String(orderId) });
    expect(n!.title).toContain('预警');
    expect(n!.body).toContain('灵武市民政局');
    expect(n!.data).toMatchObject({ workOrderId: orderId, deadline: 'firstContactDue', level: 'warning', lastDay: '2026-10-08' });
    const o = (await ta.c.repos.workOrders.find(orderId))!;
    expect(o).toMatchObject({ alert_level: 'warning', alert_deadline: 'firstContactDue', warning_at: at('2026-10-08 00:05'), red_card_at: null });
    // The order's version is untouched: an alert never makes a person's concurrent step fail.
    expect(o.version).toBe(1);
  });

  it('red-cards when the deadline passes, still on a list filtered by flag, and shows it on the order', async () => {
    now = at('2026-10-09 00:10');
    expect(await clock.run(job)).toMatchObject({ warnings: 0, redCards: 1, escalations: 0, notified: 2 });
    const list = await get(users.county!.cookie, '/api/work-orders?flag=red_card');
    expect(list.statusCode).toBe(200);
    const item = (list.json().items as { id: number }[]).find((i) => i.id === orderId);
    expect(item).toMatchObject({ flag: 'red_card', pendingDeadline: 'firstContactDue', pendingDue: at('2026-10-09 00:00').toISOString(), warningAt: at('2026-10-08 00:05').toISOString(), redCardAt: at('2026-10-09 00:10').toISOString(), escalatedAt: null });
    expect((await get(users.county!.cookie, '/api/work-orders?flag=warning')).json().items.map((i: { id: number }) => i.id)).not.toContain(orderId);
    // The make-up Saturday 10-10 is the second working day the red card stands: no escalation before its end.
    now = at('2026-10-10 23:59');
    expect(await clock.run(job)).toMatchObject({ redCards: 0, escalations: 0 });
  });

  it('escalates a red card left 2 working days to the office of the region above (银川市), with the unit', async () => {
    now = at('2026-10-11 00:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 0, redCards: 0, escalations: 1, notified: 2 });
    expect(await clock.run(job)).toMatchObject({ escalations: 0, notified: 0 });
    expect((await inbox(users.city!.userId)).map((n) => n.kind)).toEqual(['workorder.escalation']);
    expect((await inbox(users.unit!.userId)).map((n) => n.kind)).toEqual(['workorder.warning', 'workorder.red_card', 'workorder.escalation']);
    expect((await inbox(users.county!.userId)).map((n) => n.kind)).toEqual(['workorder.warning', 'workorder.red_card']);
    expect(await inbox(users.province!.userId)).toEqual([]);
    expect(await alertsOf(orderId)).toEqual([
      { deadline: 'firstContactDue', level: 'warning', recipients: 2 },
      { deadline: 'firstContactDue', level: 'red_card', recipients: 2 },
      { deadline: 'firstContactDue', level: 'escalation', recipients: 2 },
    ]);
    const detail = await get(users.unit!.cookie, `/api/work-orders/${orderId}`);
    expect(detail.json().workOrder).toMatchObject({ flag: 'red_card', escalatedAt: at('2026-10-11 00:00').toISOString(), overdue: true });
    expect((detail.json().events as { action: string }[]).map((e) => e.action)).toEqual(['open', 'warning', 'red_card', 'escalation']);
    const audit = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'workorder.alert').execute();
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toMatch(/张三丰|1381234/);
  });

  it('once the unit acts, the flag goes; the next deadline (rectification, end of Tue 10-13) is warned and red-carded afresh', async () => {
    const res = await ta.app.inject({ method: 'POST', url: `/api/work-orders/${orderId}/actions`, headers: { cookie: users.unit!.cookie }, payload: { action: 'assign', text: '已分派' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().workOrder).toMatchObject({ flag: null, pendingDeadline: 'rectifyDue', warningAt: null, redCardAt: null, escalatedAt: null });
    expect((await get(users.county!.cookie, '/api/work-orders?flag=red_card')).json().items.map((i: { id: number }) => i.id)).not.toContain(orderId);
    now = at('2026-10-12 23:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 0 });
    now = at('2026-10-13 08:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 1, redCards: 0 });
    expect((await get(users.county!.cookie, '/api/work-orders?flag=warning')).json().items.map((i: { id: number }) => i.id)).toContain(orderId);
    now = at('2026-10-14 08:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 0, redCards: 1 });
    expect((await ta.c.repos.workOrders.find(orderId))!).toMatchObject({ alert_deadline: 'rectifyDue', alert_level: 'red_card', warning_at: at('2026-10-13 08:00'), escalated_at: null });
  });

  it('a deadline that moves (an extension) is a new deadline: its flag clears and it is warned again', async () => {
    await ta.c.db.updateTable('work_orders').set({ rectify_due: at('2026-10-16 00:00') }).where('id', '=', orderId).execute();
    const moved = await get(users.unit!.cookie, `/api/work-orders/${orderId}`);
    expect(moved.json().workOrder).toMatchObject({ flag: null, redCardAt: null });
    now = at('2026-10-15 09:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 1, redCards: 0 });
    expect((await ta.c.repos.workOrders.find(orderId))!).toMatchObject({ alert_level: 'warning', alert_due: at('2026-10-16 00:00'), red_card_at: null });
    // Closed, it leaves the clock (and the rest of this file).
    await ta.c.db.updateTable('work_orders').set({ state: 'closed_resolved', closed_at: at('2026-10-15 10:00') }).where('id', '=', orderId).execute();
    now = at('2026-10-20 09:00');
    expect(await clock.run(job)).toMatchObject({ warnings: 0, redCards: 0, escalations: 0 });
  });

  it('warns of an appeal’s decision due (申诉复核) to the office only, without flagging the unit’s order', async () => {
    const appealOrder = await badOrder('ALERT-APPEAL', '2026-11-02 10:00');
    const request = await ta.c.db
      .insertInto('work_order_requests')
      .values({ work_order_id: appealOrder, kind: 'appeal', reason: '评价人误操作', requested_at: at('2026-11-02 11:00'), decision_due: at('2026-11-10 00:00') })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The first contact (end of Tue 11-03) is long past by Mon 11-09: red card and escalation for the unit's deadline too.
    now = at('2026-11-09 09:00');
    const before = (await inbox(users.unit!.userId)).length;
    expect(await clock.run(job)).toMatchObject({ warnings: 1, redCards: 1, escalations: 1 });
    const appeals = await ta.c.db.selectFrom('work_order_alerts').selectAll().where('work_order_id', '=', appealOrder).where('deadline', '=', 'appealDecisionDue').execute();
    expect(appeals).toHaveLength(1);
    expect(appeals[0]).toMatchObject({ level: 'warning', request_id: request.id, recipients: 1 });
    const county = await inbox(users.county!.userId);
    expect(county.at(-1)!.data).toMatchObject({ deadline: 'appealDecisionDue', requestId: request.id });
    // The unit heard of its own red card and escalation, not of the office's appeal.
    expect((await inbox(users.unit!.userId)).slice(before).map((n) => (n.data as { deadline: string }).deadline)).toEqual(['firstContactDue', 'firstContactDue']);
    expect((await ta.c.repos.workOrders.find(appealOrder))!).toMatchObject({ alert_deadline: 'firstContactDue', alert_level: 'red_card' });
  });

  it('only the scheduled job runs the clock', async () => {
    await expect(clock.run({ actor: { kind: 'user', userId: 1, username: 'x', role: 'supervisor', scope: { regionCode: null, orgPath: null }, staffId: null }, requestId: 'r' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('two workers on separate connections running the job at the same moment raise each alert once', async () => {
    const late = await badOrder('ALERT-TWO', '2026-11-16 10:00');
    now = at('2026-11-18 00:01');
    const jobsA = new JobRepository(ta.c.db);
    const other = ta.t.connectAgain();
    const jobsB = new JobRepository(other);
    await jobsA.enqueue(ta.c.db, { kind: 'workorders.clock', payload: { slot: 'a' } });
    await jobsA.enqueue(ta.c.db, { kind: 'workorders.clock', payload: { slot: 'b' } });
    const svcA = clock;
    const svcB = clockOn(other, () => now);
    const redCardsBefore = (await ta.c.db.selectFrom('work_order_alerts').select('id').where('level', '=', 'red_card').execute()).length;
    const results: Awaited<ReturnType<WorkOrderAlertService['run']>>[] = [];
    const handler = (svc: WorkOrderAlertService) => ({ kind: 'workorders.clock' as const, async run() { results.push(await svc.run(job)); } });
    const wa = new Worker({ instanceId: 'a', handlers: [handler(svcA)], jobs: jobsA, logger: quiet, batch: 1 });
    const wb = new Worker({ instanceId: 'b', handlers: [handler(svcB)], jobs: jobsB, logger: quiet, batch: 1 });
    const [na, nb] = await Promise.all([wa.drain(), wb.drain()]);
    expect(na + nb).toBe(2);
    expect(results).toHaveLength(2);
    // What the two runs say they raised is what was stored: nothing twice (the appeal's red card is among them).
    const redCardsAfter = (await ta.c.db.selectFrom('work_order_alerts').select('id').where('level', '=', 'red_card').execute()).length;
    expect(results.reduce((s, r) => s + r.redCards, 0)).toBe(redCardsAfter - redCardsBefore);
    expect(redCardsAfter - redCardsBefore).toBe(2);
    // The order's first contact (end of Tue 11-17) passed a minute ago: one red card, whichever worker raised it.
    expect(await alertsOf(late)).toEqual([{ deadline: 'firstContactDue', level: 'red_card', recipients: 2 }]);
    const told = await ta.c.db.selectFrom('notifications').select('user_id').where('target_id', '=', String(late)).execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([users.unit!.userId, users.county!.userId].sort());
    const events = await ta.c.repos.workOrders.events(late);
    expect(events.map((e) => e.action)).toEqual(['open', 'red_card']);
  });
});
