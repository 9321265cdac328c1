import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINGWU } from '../../test/case-fixtures.ts';
import { seedSupervisionWorld, type SupervisionWorld } from '../../test/supervision-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../test/test-app.ts';
import { createJobHandlers, schedules } from '../jobs/handlers.ts';
import { SupervisionAlertRepository } from '../repositories/supervision-alert.repository.ts';
import { NotificationRepository } from '../repositories/notification.repository.ts';
import { AuditRepository } from '../repositories/audit.repository.ts';
import { systemCtx } from './actor.ts';
import { NotificationService } from './notification.service.ts';
import { SupervisionAlertService } from './supervision-alert.service.ts';

const job = systemCtx('supervision.alerts');

describe('supervision alerts (督办预警): the daily check', () => {
  let ta: TestApp;
  let w: SupervisionWorld;
  let now = new Date('2026-09-10T08:00:00+08:00');
  let check: SupervisionAlertService;
  const users: Record<string, { cookie: string; userId: number }> = {};

  /** The check as another instance builds it, with a clock the test sets. */
  const instance = () =>
    new SupervisionAlertService({
      db: ta.c.db,
      alerts: new SupervisionAlertRepository(ta.c.db),
      stats: ta.c.repos.statistics,
      notifications: new NotificationService(new NotificationRepository(ta.c.db)),
      policyFor: (r) => ta.c.services.evaluations.policyFor(r),
      audit: new AuditRepository(ta.c.db),
      now: () => now,
    });
  const inbox = (userId: number) => ta.c.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', 'like', 'supervision.%').orderBy('id').execute();

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedSupervisionWorld(ta);
    users.county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' });
    users.city = await loginAs(ta, 'yc.sup', 'supervisor', { scopeRegionCode: '640100' });
    users.otherCounty = await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' });
    users.unit = await loginAs(ta, 'mz.admin', 'unit_admin', { scopeOrgId: w.mz.id });
    check = instance();
  });
  afterAll(() => ta.close());

  it('raises each alert once, even when two instances check at the same time', async () => {
    const [a, b] = await Promise.all([check.run(job), instance().run(job)]);
    expect(a.periods).toEqual(['2026-08', '2026-09']);
    const raised = (k: keyof typeof a.raised) => a.raised[k] + b.raised[k];
    expect({ staff: raised('staff_bad_ratings'), unit: raised('unit_low_rank'), overdue: raised('unit_overdue') }).toEqual({ staff: 1, unit: 1, overdue: 2 });
    expect(a.due).toBe(4);
    expect(a.refreshed + b.refreshed).toBe(4);
    const rows = await ta.c.repos.supervisionAlerts.ofPeriod('2026-08');
    expect(rows.map((r) => [r.kind, r.subject_id]).sort()).toEqual([
      ['staff_bad_ratings', w.staff.mz], ['unit_low_rank', w.mz.id], ['unit_overdue', w.ga.id], ['unit_overdue', w.mz.id],
    ].sort());
    expect(await ta.c.repos.supervisionAlerts.ofPeriod('2026-09')).toEqual([]);
  });

  it('reads the figures and thresholds of the region’s policy, and the ranking the statistics publish', async () => {
    const rows = await ta.c.repos.supervisionAlerts.ofPeriod('2026-08');
    const staff = rows.find((r) => r.kind === 'staff_bad_ratings')!;
    expect(staff).toMatchObject({ unit_id: w.mz.id, staff_id: w.staff.mz, region_code: LINGWU, period_from: '2026-08-01', period_to: '2026-08-31', policy_region_code: LINGWU });
    expect(staff.figures).toEqual({ ratings: 5, bad: 3, badRate: 0.6, reason: 'count_and_rate', minBadRatings: 3, badRateAbove: 0.5, minRatings: 4 });
    const unit = rows.find((r) => r.kind === 'unit_low_rank')!;
    const sup = { actor: { kind: 'user' as const, userId: users.county!.userId, username: 'lw.sup', role: 'supervisor' as const, scope: { regionCode: LINGWU, orgPath: null }, staffId: null }, requestId: 't' };
    const published = await ta.c.services.statistics.ranking(sup, { level: 'unit', metric: 'badRate', regionCode: LINGWU, period: 'month', date: '2026-08-15' });
    const mz = published.items.find((i) => i.key === String(w.mz.id))!;
    expect(unit.figures).toMatchObject({ ratings: 5, bad: 3, badRate: 0.6, rank: mz.rank, rankedCount: published.items.filter((i) => i.ranked).length, rankingRegion: LINGWU, badRateAbove: 0.2, bottomRanks: 1 });
    expect(mz.rank).toBe(3);
    // 公安局's 25 % is above 20 %, but it is not last: no alert. Its overdue order is summed up.
    const overdue = rows.filter((r) => r.kind === 'unit_overdue').map((r) => [r.unit_id, r.figures]);
    expect(overdue).toContainEqual([w.mz.id, { orders: 3, overdue: 3, overdueRate: 1, stillOpen: 3, minOrders: 1 }]);
    expect(overdue).toContainEqual([w.ga.id, { orders: 1, overdue: 1, overdueRate: 1, stillOpen: 1, minOrders: 1 }]);
  });

  it('tells the nearest management office once per alert, never with a staff member’s name', async () => {
    const county = await inbox(users.county!.userId);
    expect(county.map((n) => n.kind).sort()).toEqual(['supervision.staff_bad_ratings', 'supervision.unit_low_rank', 'supervision.unit_overdue', 'supervision.unit_overdue']);
    expect(await inbox(users.city!.userId)).toEqual([]);
    expect(await inbox(users.otherCounty!.userId)).toEqual([]);
    expect(await inbox(users.unit!.userId)).toEqual([]);
    const staffNote = county.find((n) => n.kind === 'supervision.staff_bad_ratings')!;
    expect(staffNote.title).toContain('2026年8月');
    expect(staffNote.body).toContain('灵武市民政局');
    expect(staffNote.body).toContain('差评 3 条');
    for (const n of county) expect(JSON.stringify(n)).not.toMatch(/马晓东|E001|1381234/);
    const rows = await ta.c.repos.supervisionAlerts.ofPeriod('2026-08');
    expect(rows.every((r) => r.recipients === 1)).toBe(true);
    const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'supervision.alert.check').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('马晓东');
  });

  it('a later check keeps the alert and its first figures, stores the latest ones and notifies no one again', async () => {
    // A fourth bad rating for 马晓东 in August, found by the next day's check.
    const more = await seedExtraBad(ta, w);
    expect(more).toBeGreaterThan(0);
    now = new Date('2026-09-11T08:00:00+08:00');
    const r = await check.run(job);
    expect(r.raised).toEqual({ staff_bad_ratings: 0, unit_low_rank: 0, unit_overdue: 0 });
    expect(r.notified).toBe(0);
    const staff = (await ta.c.repos.supervisionAlerts.ofPeriod('2026-08')).find((a) => a.kind === 'staff_bad_ratings')!;
    expect(staff.first_figures).toMatchObject({ ratings: 5, bad: 3 });
    expect(staff.figures).toMatchObject({ ratings: 6, bad: 4 });
    expect(staff.checked_at).toEqual(now);
    expect(await inbox(users.county!.userId)).toHaveLength(4);
  });

  it('a user’s check covers only their scope; a month not begun is refused', async () => {
    const other = { actor: { kind: 'user' as const, userId: users.otherCounty!.userId, username: 'xq.sup', role: 'supervisor' as const, scope: { regionCode: '640104000000', orgPath: null }, staffId: null }, requestId: 'x' };
    expect(await check.run(other, { period: '2026-08' })).toMatchObject({ periods: ['2026-08'], due: 0, refreshed: 0 });
    await expect(check.run(other, { period: '2027-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'period' });
    await expect(check.run(other, { period: '2026-8' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'period' });
    const unitAdmin = { ...other, actor: { ...other.actor, role: 'unit_admin' as const } };
    await expect(check.run(unitAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('runs as the daily scheduled job', async () => {
    expect(schedules.find((s) => s.kind === 'supervision.alerts')).toMatchObject({ everySeconds: 86_400 });
    const handler = createJobHandlers(ta.c, { warn: () => undefined }).find((h) => h.kind === 'supervision.alerts')!;
    // At the real time (long after August): the current and last month have no bad ratings to flag.
    await handler.run({}, { jobId: 1, attempt: 1, maxAttempts: 3 });
    expect(await ta.c.db.selectFrom('supervision_alerts').select('id').where('period_key', '!=', '2026-08').execute()).toEqual([]);
  });
});

/** One more bad rating of 马晓东 in August; returns its evaluation id. */
async function seedExtraBad(ta: TestApp, w: SupervisionWorld): Promise<number> {
  const { aCase, pushCase } = await import('../../test/case-fixtures.ts');
  const res = await pushCase(ta, w.lwKey, aCase('SV-MZ-EXTRA', { staffId: w.staff.mz, stages: [{ stage: 'received', at: '2026-08-20T09:00:00+08:00' }, { stage: 'completed', at: '2026-08-20T10:00:00+08:00' }] }));
  const r = await ta.c.services.evaluations.record(system, { caseId: res.json().id, channel: 'device', level: 2, tags: ['201'], at: new Date('2026-08-20T11:00:00+08:00') });
  return r.id;
}
