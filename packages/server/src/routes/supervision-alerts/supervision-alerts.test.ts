import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSupervisionWorld, type SupervisionWorld } from '../../../test/supervision-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

describe('GET/POST /api/supervision-alerts', () => {
  let ta: TestApp;
  let w: SupervisionWorld;
  const cookies: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    ta.app.inject({ method, url: `/api${url}`, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedSupervisionWorld(ta);
    for (const [name, role, scope] of [
      ['county', 'supervisor', { scopeRegionCode: '640181' }],
      ['city', 'supervisor', { scopeRegionCode: '640100' }],
      ['other', 'supervisor', { scopeRegionCode: '640104' }],
      ['auditor', 'auditor', { scopeRegionCode: '640181' }],
      ['operator', 'operator', { scopeRegionCode: '640181' }],
    ] as const) cookies[name] = (await loginAs(ta, `sv.${name}`, role, scope)).cookie;
    cookies.unit = (await loginAs(ta, 'sv.unit', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
  });
  afterAll(() => ta.close());

  it('a supervisor runs the check of August for their county; nothing is raised twice', async () => {
    const first = await call('county', 'POST', '/supervision-alerts/check', { period: '2026-08' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ periods: ['2026-08'], due: 4, raised: { staff_bad_ratings: 1, unit_low_rank: 1, unit_overdue: 2 }, refreshed: 0, notified: 4 });
    const again = await call('county', 'POST', '/supervision-alerts/check', { period: '2026-08' });
    expect(again.json()).toMatchObject({ due: 4, raised: { staff_bad_ratings: 0, unit_low_rank: 0, unit_overdue: 0 }, refreshed: 4, notified: 0 });
    // The notifications reach the county's office through /api/notifications, linked to the alert.
    const inbox = (await call('county', 'GET', '/notifications')).json();
    const notes = inbox.items.filter((n: { kind: string }) => n.kind.startsWith('supervision.'));
    expect(notes).toHaveLength(4);
    expect(notes.every((n: { targetType: string }) => n.targetType === 'supervision_alert')).toBe(true);
  });

  it('lists in scope with names for the office, filters, and counts the open ones', async () => {
    const list = await call('county', 'GET', '/supervision-alerts');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.open).toBe(4);
    expect(body.items).toHaveLength(4);
    const staff = body.items.find((a: { kind: string }) => a.kind === 'staff_bad_ratings');
    expect(staff).toMatchObject({ unitId: w.mz.id, unitName: '灵武市民政局', staffId: w.staff.mz, staffName: '马晓东', employeeNo: 'E001', regionCode: '640181000000', regionName: '灵武市', period: { kind: 'month', key: '2026-08', from: '2026-08-01', to: '2026-08-31' }, recipients: 1, acknowledged: null });
    expect(staff.figures).toMatchObject({ ratings: 5, bad: 3, badRate: 0.6 });
    expect((await call('county', 'GET', '/supervision-alerts?kind=unit_overdue')).json().items.map((a: { unitId: number }) => a.unitId).sort()).toEqual([w.mz.id, w.ga.id].sort());
    expect((await call('county', 'GET', `/supervision-alerts?unitId=${w.ga.id}`)).json().items).toHaveLength(1);
    expect((await call('county', 'GET', '/supervision-alerts?period=2026-07')).json().items).toEqual([]);
    expect((await call('city', 'GET', '/supervision-alerts')).json().items).toHaveLength(4);
    expect((await call('auditor', 'GET', '/supervision-alerts')).json().items).toHaveLength(4);
    expect((await call('other', 'GET', '/supervision-alerts')).json()).toEqual({ items: [], open: 0 });
    expect((await call('county', 'GET', `/supervision-alerts/${staff.id}`)).json().id).toBe(staff.id);
    expect((await call('other', 'GET', `/supervision-alerts/${staff.id}`)).statusCode).toBe(403);
    expect((await call('county', 'GET', '/supervision-alerts/999999')).statusCode).toBe(404);
  });

  it('the office acknowledges with a note, once; others may not', async () => {
    const [alert] = (await call('county', 'GET', '/supervision-alerts?kind=unit_low_rank')).json().items;
    expect((await call('other', 'POST', `/supervision-alerts/${alert.id}/acknowledge`, { note: '越权处理' })).statusCode).toBe(403);
    expect((await call('auditor', 'POST', `/supervision-alerts/${alert.id}/acknowledge`, { note: '审计员不能处理' })).statusCode).toBe(403);
    expect((await call('unit', 'POST', `/supervision-alerts/${alert.id}/acknowledge`, { note: '单位自己处理' })).statusCode).toBe(403);
    const blank = await call('county', 'POST', `/supervision-alerts/${alert.id}/acknowledge`, { note: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.field).toBe('note');
    expect((await call('county', 'POST', `/supervision-alerts/${alert.id}/acknowledge`, { note: '已约谈', extra: 1 })).statusCode).toBe(400);
    const done = await call('county', 'POST', `/supervision-alerts/${alert.id}/acknowledge`, { note: '已约谈单位负责人，限期整改' });
    expect(done.statusCode).toBe(200);
    expect(done.json().acknowledged).toMatchObject({ byName: 'sv.county', note: '已约谈单位负责人，限期整改' });
    const again = await call('county', 'POST', `/supervision-alerts/${alert.id}/acknowledge`, { note: '第二次' });
    expect(again.json().acknowledged.note).toBe('已约谈单位负责人，限期整改');
    expect((await call('county', 'GET', '/supervision-alerts?status=open')).json()).toMatchObject({ open: 3 });
    expect((await call('county', 'GET', '/supervision-alerts?status=acknowledged')).json().items.map((a: { id: number }) => a.id)).toEqual([alert.id]);
    const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'supervision.alert.acknowledge').execute();
    expect(audit).toEqual([{ action: 'supervision.alert.acknowledge', target_id: String(alert.id) }]);
  });

  it('permissions and bad input: 403 and 400 with the field', async () => {
    expect((await call('unit', 'GET', '/supervision-alerts')).statusCode).toBe(403);
    expect((await call('operator', 'GET', '/supervision-alerts')).statusCode).toBe(403);
    expect((await call('auditor', 'POST', '/supervision-alerts/check', {})).statusCode).toBe(403);
    const month = await call('county', 'GET', '/supervision-alerts?period=2026-13');
    expect(month.statusCode).toBe(400);
    expect((await call('county', 'GET', '/supervision-alerts?kind=everything')).statusCode).toBe(400);
    const future = await call('county', 'POST', '/supervision-alerts/check', { period: '2099-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe('period');
    expect((await call('county', 'POST', '/supervision-alerts/check', { period: '2026-08', scope: 'all' })).statusCode).toBe(400);
    // The other county's office runs the check: nothing of 灵武市 is its business.
    expect((await call('other', 'POST', '/supervision-alerts/check', { period: '2026-08' })).json()).toMatchObject({ due: 0, refreshed: 0 });
  });
});
