import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLUP_TABLES } from '../repositories/statistics.repository.ts';
import { systemCtx } from '../services/actor.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemo, SCRIPTED_MIN_CASES, type DemoSummary } from './demo.ts';
import { LOOP_SCENARIOS } from './demo-loop.ts';
import { PATTERN_CASES } from './demo-supervision.ts';

/** A Friday afternoon in Shanghai (16:00), after National Day: the seed's history ends here. */
const NOW = new Date('2026-11-20T08:00:00Z');
const CASES = SCRIPTED_MIN_CASES;

/** The county's life as data that two runs of one seed must agree on: orders, their steps, their requests. */
async function life(ta: TestApp) {
  const orders = await ta.c.db
    .selectFrom('work_orders as o')
    .innerJoin('cases as c', 'c.id', 'o.case_id')
    .select(['o.id', 'c.case_no', 'o.state', 'o.decision', 'o.review_round', 'o.closed_at', 'o.public_reply', 'o.alert_level'])
    .orderBy('c.case_no')
    .execute();
  const events = await ta.c.db.selectFrom('work_order_events').select(['work_order_id', 'action', 'at', 'text', 'actor_user_id']).orderBy('work_order_id').orderBy('id').execute();
  const byOrder = new Map<number, unknown[]>();
  for (const e of events) byOrder.set(e.work_order_id, [...(byOrder.get(e.work_order_id) ?? []), [e.action, e.at.toISOString(), e.text, e.actor_user_id]]);
  return orders.map(({ id, ...o }) => ({ ...o, events: byOrder.get(id) }));
}

async function rollups(ta: TestApp) {
  const out: Record<string, unknown[]> = {};
  for (const t of ROLLUP_TABLES) out[t] = await ta.c.repos.statistics.nonZeroRows(t);
  return out;
}

describe('the demo county’s life: closed loop and supervision through the real services', () => {
  let ta: TestApp;
  let summary: DemoSummary;
  beforeAll(async () => {
    ta = await createTestApp();
    summary = await seedDemo(ta.c, { cases: CASES, seed: 11, now: NOW });
  }, 300_000);
  afterAll(() => ta?.close());

  it('has work orders in every state, each decision taken, and scripted cases within the total asked for', async () => {
    expect(summary.cases).toBe(CASES);
    expect(await ta.c.db.selectFrom('cases').select('id').execute()).toHaveLength(CASES);
    expect(summary.scripted).toEqual({ scenarios: LOOP_SCENARIOS.length, patterns: PATTERN_CASES.length });
    for (const state of ['opened', 'assigned', 'verifying', 'decided', 'rectified', 'feedback_given', 'closed_resolved', 'closed_unresolved', 'closed_appeal_upheld', 'closed_unrectifiable']) {
      expect(summary.workOrders[state], state).toBeGreaterThan(0);
    }
    const open = await ta.c.db.selectFrom('work_orders').select('decision').where('state', '=', 'decided').execute();
    expect(new Set(open.map((o) => o.decision))).toEqual(new Set(['fix_now', 'fix_by_deadline', 'explain']));
    const counted = Object.values(summary.workOrders).reduce((a, n) => a + n, 0);
    expect(await ta.c.db.selectFrom('work_orders').select('id').execute()).toHaveLength(counted);
  });

  it('writes every step in the past, in order, after its rating, with texts where the loop needs them', async () => {
    const orders = await ta.c.db.selectFrom('work_orders').select(['id', 'opened_at', 'closed_at']).execute();
    const events = await ta.c.db.selectFrom('work_order_events').selectAll().orderBy('id').execute();
    for (const o of orders) {
      const steps = events.filter((e) => e.work_order_id === o.id);
      expect(steps[0]!.action).toBe('open');
      for (const [i, e] of steps.entries()) {
        expect(e.at.getTime(), `order ${o.id} ${e.action}`).toBeLessThanOrEqual(NOW.getTime());
        expect(e.at.getTime()).toBeGreaterThanOrEqual(o.opened_at.getTime());
        if (i > 0) expect(e.at.getTime(), `order ${o.id} ${e.action}`).toBeGreaterThanOrEqual(steps[i - 1]!.at.getTime());
      }
      if (o.closed_at) expect(o.closed_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    const worded = events.filter((e) => ['feedback', 'revisit_unsatisfied', 'decide_fix_now', 'decide_fix_by_deadline', 'decide_explain', 'rectify'].includes(e.action));
    expect(worded.length).toBeGreaterThan(20);
    expect(worded.every((e) => e.text && /[\u4e00-\u9fff]/.test(e.text))).toBe(true);
    // Feedback went out by SMS where the rating gave a phone.
    const sms = await ta.c.db.selectFrom('sms_messages').select('purpose').where('purpose', '=', 'rectification').execute();
    expect(sms.length).toBeGreaterThan(5);
  });

  it('closes resolved orders with the evaluator’s new rating, which supersedes the original', async () => {
    const resolved = await ta.c.db.selectFrom('work_orders').select(['evaluation_id', 'revisit_evaluation_id', 'revisit_mistaken']).where('state', '=', 'closed_resolved').execute();
    expect(resolved.length).toBeGreaterThan(3);
    for (const o of resolved) {
      expect(o.revisit_evaluation_id).not.toBeNull();
      const original = await ta.c.repos.evaluations.find(o.evaluation_id);
      const latest = await ta.c.repos.evaluations.find(o.revisit_evaluation_id!);
      expect(original!.superseded_by).toBe(latest!.id);
      expect(latest!.bad).toBe(false);
      expect(latest!.channel).toBe('phone');
    }
    expect(resolved.some((o) => o.revisit_mistaken)).toBe(true);
    // A review round (复核) that ended unresolved after the second revisit.
    const unresolved = await ta.c.db.selectFrom('work_orders').select('review_round').where('state', '=', 'closed_unresolved').execute();
    expect(unresolved.some((o) => o.review_round === 2)).toBe(true);
    const replies = await ta.c.db.selectFrom('work_orders').select(['state', 'public_reply']).where('public_reply', 'is not', null).execute();
    expect(replies.length).toBeGreaterThan(3);
    expect(replies.every((o) => ['closed_resolved', 'closed_unresolved', 'closed_unrectifiable'].includes(o.state))).toBe(true);
  });

  it('has extensions, appeals and 无法整改 requests decided each way, and a reassignment', async () => {
    const requests = await ta.c.db.selectFrom('work_order_requests').select(['kind', 'status', 'excluded_as', 'requested_by', 'decided_by']).execute();
    const has = (kind: string, status: string) => requests.some((q) => q.kind === kind && q.status === status);
    expect(has('extension', 'approved') && has('extension', 'pending')).toBe(true);
    expect(has('appeal', 'approved') && has('appeal', 'rejected') && has('appeal', 'pending')).toBe(true);
    expect(has('unrectifiable', 'approved')).toBe(true);
    const users = new Map((await ta.c.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]));
    // Filed by the unit or the clerk rated, decided by the management office.
    expect(requests.filter((q) => q.decided_by !== null).every((q) => users.get(q.decided_by!) === 'demo.supervisor')).toBe(true);
    expect(requests.some((q) => users.get(q.requested_by!) === 'demo.clerk' && q.kind === 'appeal')).toBe(true);
    const upheld = await ta.c.db.selectFrom('work_orders as o').innerJoin('evaluations as e', 'e.id', 'o.evaluation_id').select(['e.excluded_as']).where('o.state', '=', 'closed_appeal_upheld').execute();
    expect(upheld.map((u) => u.excluded_as)).toEqual(['malicious']);
    const reassigned = await ta.c.db.selectFrom('work_order_events').select('work_order_id').where('action', '=', 'reassign').execute();
    expect(reassigned).toHaveLength(1);
    const handled = await ta.c.services.workOrders.get(systemCtx('test'), reassigned[0]!.work_order_id);
    expect(handled.summary?.unitName).toBe('国家税务总局灵武市税务局');
  });

  it('shows who took each step: the unit’s account in its orders, the 12345 operator at revisits', async () => {
    const steps = await ta.c.db
      .selectFrom('work_order_events as e')
      .innerJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.action', 'u.username'])
      .execute();
    expect(steps.filter((s) => s.action.startsWith('revisit_')).every((s) => s.username === 'demo.operator')).toBe(true);
    expect(steps.some((s) => s.action === 'assign' && s.username === 'demo.unitadmin')).toBe(true);
    expect(steps.some((s) => s.action === 'revisit_satisfied')).toBe(true);
  });

  it('flags overdue orders on the seed’s clock and notifies the unit and the office', async () => {
    expect(summary.supervision!.alerts.redCards).toBeGreaterThanOrEqual(3);
    expect(summary.supervision!.alerts.escalations).toBeGreaterThan(0);
    const red = await ta.c.db.selectFrom('work_orders').select(['state', 'red_card_at']).where('alert_level', '=', 'red_card').execute();
    expect(red.length).toBeGreaterThanOrEqual(3);
    expect(red.every((o) => o.red_card_at!.getTime() === NOW.getTime())).toBe(true);
    const notified = await ta.c.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['u.username', 'n.kind']).execute();
    expect(notified.some((n) => n.username === 'demo.supervisor' && n.kind === 'workorder.red_card')).toBe(true);
    // 市场监管局's order whose rectification is due today, its extension still pending.
    expect(notified.some((n) => n.username === 'demo.unitadmin' && n.kind === 'workorder.warning')).toBe(true);
  });

  it('finds the injected manipulation and reviews one flag', async () => {
    const flags = await ta.c.db.selectFrom('rating_flags').select(['detector', 'status', 'rating_count']).execute();
    const of = (d: string) => flags.filter((f) => f.detector === d);
    expect(of('burst_device').reduce((s, f) => s + f.rating_count, 0)).toBeGreaterThanOrEqual(6);
    expect(of('identical_text').reduce((s, f) => s + f.rating_count, 0)).toBeGreaterThanOrEqual(3);
    expect(of('burst_phone').some((f) => f.status === 'dismissed')).toBe(true);
    expect(summary.supervision!.flags.opened).toBe(flags.length);
  });

  it('has a 监督查评 sample with answers, this year’s campaign with results, and the reports of last month and quarter', async () => {
    expect(summary.supervision!.revisitSample).toMatchObject({ period: '2026-10' });
    const tasks = await ta.c.db.selectFrom('revisit_tasks').select('status').execute();
    expect(tasks.some((t) => t.status !== 'pending')).toBe(true);
    expect(summary.supervision!.campaign).toMatchObject({ year: 2026, objects: 48 });
    const office = { actor: { kind: 'user' as const, userId: 0, username: 'x', role: 'supervisor' as const, scope: { regionCode: '640181000000', orgPath: null }, staffId: null }, requestId: 't' };
    const [campaign] = await ta.c.services.campaigns.list(office, { limit: 5, offset: 0 });
    const scores = await ta.c.services.campaigns.scores(office, campaign!.id);
    expect(scores.objects.filter((o) => o.year !== null)).toHaveLength(48);
    expect(summary.supervision!.reports.ready).toEqual(['2026-10', '2026-Q3']);
    const reports = await ta.c.db.selectFrom('reports').select(['region_code', 'period_key', 'status']).where('region_code', '=', '640181000000').execute();
    expect(reports.map((r) => [r.period_key, r.status]).sort()).toEqual([['2026-10', 'ready'], ['2026-Q3', 'ready']]);
  });

  it('leaves the statistics rollups exactly as a rebuild from the raw records makes them', async () => {
    const incremental = await rollups(ta);
    expect(incremental.stat_day!.length).toBeGreaterThan(50);
    await ta.c.services.statistics.rebuild(systemCtx('test'));
    expect(await rollups(ta)).toEqual(incremental);
    // The comparison can fail: a row changed behind the triggers' back is told apart.
    await sql`update stat_region_month set a5 = a5 + 1 where region_code = '640181000000'`.execute(ta.c.db);
    expect(await rollups(ta)).not.toEqual(incremental);
  });

  it('writes the same life again for the same seed', async () => {
    const again = await createTestApp();
    try {
      await seedDemo(again.c, { cases: CASES, seed: 11, now: NOW });
      expect(await life(again)).toEqual(await life(ta));
    } finally {
      await again.close();
    }
  }, 300_000);
});
