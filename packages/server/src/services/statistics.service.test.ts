import { orderMilestones, STAT_MEASURES, WORK_ORDER_STATES } from '@hcp/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../test/case-fixtures.ts';
import { caseCompletedAt, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../test/test-app.ts';
import { createContainer } from '../container.ts';
import { ROLLUP_TABLES } from '../repositories/statistics.repository.ts';
import { ephemeralKeyring } from '../security/key-store.ts';
import { PiiCipher } from '../security/pii-cipher.ts';
import { seedDemo } from '../seed/demo.ts';
import type { Ctx } from './actor.ts';

const Q3 = { from: '2026-07-01', to: '2026-09-30' };
const LINGWU = '640181000000';

/** Every rollup's non-zero rows: what a rebuild from the raw tables must reproduce exactly. */
async function snapshot(ta: TestApp) {
  const out: Record<string, unknown[]> = {};
  for (const t of ROLLUP_TABLES) out[t] = await ta.c.repos.statistics.nonZeroRows(t);
  return out;
}

describe('statistics rollups kept by the database in every write’s transaction', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: Ctx;
  const ids: Record<string, number> = {};

  /** A case of 民政局 completed at `completedAt`, rated at `at` unless level is null. */
  async function rated(no: string, completedAt: string, level: number | null, at?: string, more: { channel?: 'device' | 'pc' | 'sms'; realName?: boolean } = {}) {
    const caseId = await caseCompletedAt(ta, w, no, completedAt);
    ids[no] = caseId;
    if (level === null) return undefined;
    const r = await ta.c.services.evaluations.record(system, {
      caseId, channel: more.channel ?? 'device', level, ...(level <= 2 ? { tags: [`${level}01`] } : {}), ...(more.realName ? { realName: true } : {}), at: new Date(at!),
    });
    return r.id;
  }
  const orderOf = async (evaluationId: number) => (await ta.c.repos.workOrders.findByEvaluation(evaluationId))!;

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    const u = await loginAs(ta, 'st.sup', 'supervisor', { scopeRegionCode: '640181' });
    sup = { actor: { kind: 'user', userId: u.userId, username: 'st.sup', role: 'supervisor', scope: { regionCode: LINGWU, orgPath: null }, staffId: null }, requestId: 'st' };

    // A mixed workload through the paths that write: ratings, the default job, an upheld appeal, a
    // revisit superseding a rating, an order moving on and being reassigned, a case's completion moving.
    await rated('ST-1', '2026-08-03T10:00:00+08:00', 5, '2026-08-03T11:00:00+08:00');
    await rated('ST-2', '2026-08-03T10:00:00+08:00', 4, '2026-08-04T09:00:00+08:00', { channel: 'pc' });
    const e3 = (await rated('ST-3', '2026-08-03T10:00:00+08:00', 1, '2026-08-03T12:00:00+08:00', { realName: true }))!;
    const e4 = (await rated('ST-4', '2026-08-03T10:00:00+08:00', 2, '2026-08-05T09:00:00+08:00', { channel: 'sms' }))!;
    const e5 = (await rated('ST-5', '2026-08-03T10:00:00+08:00', 1, '2026-08-06T09:00:00+08:00'))!;
    await rated('ST-6', '2026-08-03T10:00:00+08:00', null);
    await rated('ST-7', '2026-08-03T10:00:00+08:00', null);
    await rated('ST-8', '2026-08-14T10:00:00+08:00', null);
    await rated('ST-9', '2026-08-31T10:00:00+08:00', 3, '2026-09-01T09:00:00+08:00');

    // Order of ST-3: handled up to the feedback, and a red card (红牌) on the way.
    const o3 = await orderOf(e3);
    await ta.c.services.workOrders.act(sup, o3.id, 'assign', {});
    await ta.c.db.updateTable('work_orders').set({ state: 'feedback_given', decision: 'fix_now', red_card_at: new Date() }).where('id', '=', o3.id).execute();
    // ST-4: an upheld appeal (恶意差评) excludes the rating and closes its order, in one transaction.
    const o4 = await orderOf(e4);
    await ta.c.db.transaction().execute(async (trx) => {
      await trx.updateTable('evaluations').set({ excluded_as: 'malicious', excluded_at: new Date() }).where('id', '=', e4).execute();
      await trx.updateTable('work_orders').set({ state: 'closed_appeal_upheld', closed_at: new Date() }).where('id', '=', o4.id).execute();
    });
    // ST-5: the revisit's new rating supersedes the first; the order closes resolved, reassigned to 公安局 before.
    const o5 = await orderOf(e5);
    await ta.c.db.updateTable('work_orders').set({ unit_id: w.ga.id, org_path: (await ta.c.repos.orgs.find(w.ga.id))!.path }).where('id', '=', o5.id).execute();
    const revisit = await ta.c.services.evaluations.record(system, { caseId: ids['ST-5']!, channel: 'phone', level: 4, followUp: true, at: new Date('2026-08-20T10:00:00+08:00') });
    await ta.c.db.transaction().execute(async (trx) => {
      await trx.updateTable('evaluations').set({ superseded_by: revisit.id }).where('id', '=', e5).execute();
      await trx.updateTable('work_orders').set({ state: 'closed_resolved', closed_at: new Date() }).where('id', '=', o5.id).execute();
    });
    // ST-6 and ST-7 get their default (due end of 10 August); ST-8 is not due yet on the 20th.
    const defaults = await ta.c.services.evaluations.recordDefaults(system, new Date('2026-08-20T12:00:00+08:00'));
    expect(defaults.recorded).toBe(2);
    // ST-8's completion is corrected to the 7th: its case row moves from one day to another.
    await ta.c.db.updateTable('cases').set({ completed_at: new Date('2026-08-07T10:00:00+08:00') }).where('id', '=', ids['ST-8']!).execute();
  });
  afterAll(() => ta.close());

  it('counts the quarter exactly as docs/domain/metrics.md defines it', async () => {
    const r = await ta.c.services.statistics.query(sup, { ...Q3, regionCode: LINGWU });
    expect(r.sources).toEqual(['stat_region_month']);
    expect(r.total.ratings).toMatchObject({
      kind: 'active', total: 5, byLevel: { 5: 1, 4: 2, 3: 1, 2: 0, 1: 1 }, good: 4, bad: 1, realName: 1, realNameBad: 1, goodRate: 0.8, badRate: 0.2,
    });
    // (5 + 4 + 4 + 3 + 1) / 5 = 3.4 → 68 points.
    expect(r.total.ratings.satisfactionScore).toBeCloseTo(68, 10);
    expect(r.total.participation).toEqual({ completedCases: 9, activelyRated: 6, defaultRated: 2, unrated: 1, activeRate: 6 / 9, defaultRate: 2 / 9, unratedRate: 1 / 9 });
    expect(r.total.workOrders).toMatchObject({ opened: 3, appealUpheld: 1, counted: 2, rectified: 2, replied: 2, revisited: 1, satisfied: 1, overdue: 1, rectificationRate: 1, replyRate: 1, revisitRate: 0.5, revisitSatisfactionRate: 1 });
    expect(r.total.workOrders.realName).toEqual({ orders: 1, rectified: 1, revisited: 0, rectificationRate: 1, revisitRate: 0 });
    expect(r.total.appealsUpheld).toEqual({ total: 1, mistaken: 0, malicious: 1 });
    expect(r.total.superseded).toBe(1);
    const dflt = await ta.c.services.statistics.query(sup, { ...Q3, kind: 'default' });
    expect(dflt.total.ratings).toMatchObject({ kind: 'default', total: 2, byLevel: { 3: 2 }, satisfactionScore: 60, badRate: 0 });
  });

  it('the monthly, daily and fine-grained rollups agree: a quarter equals the sum of its days', async () => {
    const quarter = await ta.c.services.statistics.query(sup, Q3);
    const byDay = await ta.c.services.statistics.query(sup, { ...Q3, groupBy: 'day' });
    expect(byDay.sources).toEqual(['stat_region_day']);
    const fine = await ta.c.services.statistics.query(sup, { ...Q3, staffId: w.staffId });
    expect(fine.sources).toEqual(['stat_month']);
    expect(fine.total).toEqual(quarter.total);
    expect(byDay.total).toEqual(quarter.total);
    const days = byDay.groups.map((g) => g.key);
    expect(days).toEqual([...days].sort());
    expect(byDay.groups.reduce((s, g) => s + g.count, 0)).toBe(5);
    // A ragged range: days at both ends, August from the monthly rollup.
    const ragged = await ta.c.services.statistics.query(sup, { from: '2026-07-15', to: '2026-09-01', orgId: w.mz.id });
    expect(ragged.sources.sort()).toEqual(['stat_day', 'stat_unit_month']);
    expect(ragged.total.ratings.total).toBe(5);
    const onlyTail = await ta.c.services.statistics.query(sup, { from: '2026-08-21', to: '2026-09-01' });
    expect(onlyTail.total.ratings.byLevel).toMatchObject({ 3: 1, 4: 0 });
  });

  it('slices by unit (orders follow a reassignment), channel, item and level', async () => {
    const units = await ta.c.services.statistics.query(sup, { ...Q3, groupBy: 'unit' });
    const mz = units.groups.find((g) => g.key === String(w.mz.id))!;
    const ga = units.groups.find((g) => g.key === String(w.ga.id))!;
    expect(mz).toMatchObject({ label: '灵武市民政局', count: 5 });
    expect(mz.metrics!.workOrders.opened).toBe(2);
    expect(ga.metrics!.workOrders).toMatchObject({ opened: 1, satisfied: 1 });
    const channels = await ta.c.services.statistics.query(sup, { ...Q3, groupBy: 'channel' });
    expect(Object.fromEntries(channels.groups.map((g) => [g.key, g.count]))).toEqual({ device: 3, pc: 1, phone: 1, sms: 0, default: 0 });
    expect(channels.groups.every((g) => g.metrics!.participation === null)).toBe(true);
    const device = await ta.c.services.statistics.query(sup, { ...Q3, channel: 'device' });
    expect(device.total.participation).toBeNull();
    expect(device.total.ratings.total).toBe(3);
    const items = await ta.c.services.statistics.query(sup, { ...Q3, groupBy: 'item' });
    expect(items.groups.map((g) => [g.key, g.label, g.count])).toEqual([['LW-ITEM-1', '最低生活保障审批', 5]]);
    const levels = await ta.c.services.statistics.query(sup, { ...Q3, groupBy: 'level' });
    expect(levels.groups.map((g) => [g.key, g.count])).toEqual([['5', 1], ['4', 2], ['3', 1], ['2', 0], ['1', 1]]);
    expect(levels.groups[1]!.share).toBeCloseTo(0.4, 12);
    const regions = await ta.c.services.statistics.query({ ...sup, actor: { ...sup.actor, scope: { regionCode: null, orgPath: null } } as Ctx['actor'] }, { ...Q3, regionCode: '640100000000', groupBy: 'region' });
    expect(regions.groups.map((g) => [g.key, g.label, g.count])).toEqual([[LINGWU, '灵武市', 5]]);
  });

  it('a rebuild from the raw records gives exactly the rows kept incrementally', async () => {
    const incremental = await snapshot(ta);
    expect(incremental.stat_day!.length).toBeGreaterThan(5);
    const result = await ta.c.services.statistics.rebuild(system);
    expect(result.rows.stat_region_month).toBeGreaterThan(0);
    expect(await snapshot(ta)).toEqual(incremental);
    // And the comparison can fail: a row changed behind the triggers' back is told apart.
    await sql`update stat_day set a5 = a5 + 1 where day = '2026-08-03' and channel = 'device'`.execute(ta.c.db);
    expect(await snapshot(ta)).not.toEqual(incremental);
    await ta.c.services.statistics.rebuild(system);
    expect(await snapshot(ta)).toEqual(incremental);
    const audited = await ta.c.db.selectFrom('audit_log').select('action').where('action', '=', 'statistics.rebuild').execute();
    expect(audited).toHaveLength(2);
  });

  it('the SQL milestones of every work-order state are the domain’s (metrics/order-milestones.ts)', async () => {
    for (const state of WORK_ORDER_STATES) {
      for (const round of [1, 2, 3]) {
        const { rows } = await sql<{ f: number[] }>`select stat_order_milestones(${state}, ${round}) as f`.execute(ta.c.db);
        const m = orderMilestones(state, round);
        expect(rows[0]!.f.map(Boolean), `${state} round ${round}`).toEqual([m.appealUpheld, m.unrectifiable, m.rectified, m.replied, m.revisited, m.satisfied]);
      }
    }
  });

  it('every rollup holds exactly the domain’s counts (metrics/counts.ts), after its keys', async () => {
    const keys = new Set(['day', 'region_code', 'org_path', 'unit_id', 'window_id', 'staff_id', 'item_id', 'channel']);
    for (const t of ROLLUP_TABLES) {
      const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = ${t} order by ordinal_position`.execute(ta.c.db);
      expect(rows.map((r) => r.column_name).filter((c) => !keys.has(c)), t).toEqual([...STAT_MEASURES]);
    }
  });

  it('only the command line rebuilds', async () => {
    await expect(ta.c.services.statistics.rebuild(sup)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('rollups under concurrent writers', () => {
  let ta: TestApp;
  beforeAll(async () => {
    ta = await createTestApp();
  });
  afterAll(() => ta.close());

  it('ratings written at once through two connection pools into the same rollup rows lose nothing', async () => {
    const w = await seedCaseWorld(ta);
    const other = createContainer({ db: ta.t.connectAgain(), cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const caseIds: number[] = [];
    for (let i = 0; i < 24; i++) caseIds.push(await caseCompletedAt(ta, w, `CC-${i}`, '2026-10-12T10:00:00+08:00'));
    const at = new Date('2026-10-12T11:00:00+08:00');
    await Promise.all(caseIds.map((caseId, i) => (i % 2 ? other : ta.c).services.evaluations.record(system, { caseId, channel: 'device', level: (i % 5) + 1, ...(i % 5 < 2 ? { tags: [`${(i % 5) + 1}01`] } : {}), at })));
    const r = await ta.c.services.statistics.query({ actor: { kind: 'system', name: 'test' }, requestId: 't' }, { period: 'day', date: '2026-10-12' });
    expect(r.total.ratings.total).toBe(24);
    expect(r.total.participation).toMatchObject({ completedCases: 24, activelyRated: 24 });
    expect(r.total.workOrders.opened).toBe(10);
    const before = await snapshot(ta);
    await ta.c.services.statistics.rebuild(system);
    expect(await snapshot(ta)).toEqual(before);
  });

});

describe('rollups after the demo seed', () => {
  let ta: TestApp;
  beforeAll(async () => {
    ta = await createTestApp();
  });
  afterAll(() => ta.close());

  it('the demo county (seed, ratings, defaults, orders) rebuilds to the same rows', async () => {
    await seedDemo(ta.c, { cases: 80, seed: 11, now: new Date('2026-11-20T08:00:00Z') });
    const incremental = await snapshot(ta);
    await ta.c.services.statistics.rebuild(system);
    expect(await snapshot(ta)).toEqual(incremental);
    const all = await ta.c.services.statistics.query({ actor: { kind: 'system', name: 'test' }, requestId: 't' }, { from: '2025-11-21', to: '2026-11-20' });
    expect(all.total.participation!.completedCases).toBeGreaterThan(30);
  });
});
