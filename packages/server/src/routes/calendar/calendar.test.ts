import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, seedRegions, type TestApp } from '../../../test/test-app.ts';

describe('working-day calendar per region', () => {
  let ta: TestApp;
  let admin: string;
  let lingwu: string;
  beforeAll(async () => {
    ta = await createTestApp();
    await seedRegions(ta);
    admin = (await loginAs(ta, 'admin', 'sysadmin')).cookie;
    lingwu = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181000000' })).cookie;
  });
  afterAll(() => ta.close());

  const deadline = (cookie: string, region: string, from: string, days: number) =>
    ta.app.inject({ method: 'GET', url: `/api/calendar/${region}/deadline?from=${encodeURIComponent(from)}&days=${days}`, headers: { cookie } });

  it('counts National Day 2026 and its make-up Saturday from the official calendar', async () => {
    // Completed 2026-09-30 (Wed) 10:00 Shanghai: Oct 1–7 off, Oct 8 (Thu), 9 (Fri), 10 (Sat 补班), 12, 13.
    const res = await deadline(lingwu, '640181', '2026-09-30T02:00:00Z', 5);
    expect(res.statusCode).toBe(200);
    expect(res.json().deadline).toBe('2026-10-13T16:00:00.000Z');
  });

  it('a county holiday moves its deadlines but not its neighbour’s, and a later version can undo it', async () => {
    const save = await ta.app.inject({ method: 'POST', url: '/api/calendar/640181/overrides', headers: { cookie: lingwu }, payload: { note: '地方节日', days: [{ date: '2026-11-23', kind: 'holiday', name: '地方假日' }] } });
    expect(save.statusCode).toBe(201);
    expect(save.json().version).toBe(1);
    // From Fri 2026-11-20, 1 working day: Mon 23rd is off in 灵武市, so Tue 24th ends it.
    expect((await deadline(lingwu, '640181', '2026-11-20T02:00:00Z', 1)).json().deadline).toBe('2026-11-24T16:00:00.000Z');
    expect((await deadline(admin, '640104', '2026-11-20T02:00:00Z', 1)).json().deadline).toBe('2026-11-23T16:00:00.000Z');
    const undo = await ta.app.inject({ method: 'POST', url: '/api/calendar/640181/overrides', headers: { cookie: lingwu }, payload: { days: [{ date: '2026-11-23', kind: 'clear' }] } });
    expect(undo.json().version).toBe(2);
    expect((await deadline(lingwu, '640181', '2026-11-20T02:00:00Z', 1)).json().deadline).toBe('2026-11-23T16:00:00.000Z');
    const versions = await ta.app.inject({ method: 'GET', url: '/api/calendar/640181/versions', headers: { cookie: lingwu } });
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('loads next year’s notice nationally (sysadmin only) and marks the year official', async () => {
    const before = await ta.app.inject({ method: 'GET', url: '/api/calendar/640181/days?year=2027', headers: { cookie: lingwu } });
    expect(before.json().official).toBe(false);
    const denied = await ta.app.inject({ method: 'POST', url: '/api/calendar/national/overrides', headers: { cookie: lingwu }, payload: { days: [{ date: '2027-01-01', kind: 'holiday' }] } });
    expect(denied.statusCode).toBe(403);
    const ok = await ta.app.inject({ method: 'POST', url: '/api/calendar/national/overrides', headers: { cookie: admin }, payload: { days: [{ date: '2027-01-01', to: '2027-01-03', kind: 'holiday', name: '元旦' }] } });
    expect(ok.json()).toEqual({ version: 1, days: 3 });
    const after = await ta.app.inject({ method: 'GET', url: '/api/calendar/640181/days?year=2027', headers: { cookie: lingwu } });
    expect(after.json().official).toBe(true);
    expect(after.json().days[0]).toMatchObject({ date: '2027-01-01', working: false, source: 'override', name: '元旦' });
  });

  it('refuses another county’s calendar and bad input with the field', async () => {
    const other = await ta.app.inject({ method: 'POST', url: '/api/calendar/110101/overrides', headers: { cookie: lingwu }, payload: { days: [{ date: '2026-12-01', kind: 'holiday' }] } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    const read = await ta.app.inject({ method: 'GET', url: '/api/calendar/110101/days?year=2026', headers: { cookie: lingwu } });
    expect(read.statusCode).toBe(403);
    const badDate = await ta.app.inject({ method: 'POST', url: '/api/calendar/640181/overrides', headers: { cookie: lingwu }, payload: { days: [{ date: '2026-02-30', kind: 'holiday' }] } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.field).toBe('days.0.date');
    const reversed = await ta.app.inject({ method: 'POST', url: '/api/calendar/640181/overrides', headers: { cookie: lingwu }, payload: { days: [{ date: '2026-12-05', to: '2026-12-01', kind: 'holiday' }] } });
    expect(reversed.json().error.field).toBe('days.0.to');
    const unknownKind = await ta.app.inject({ method: 'POST', url: '/api/calendar/640181/overrides', headers: { cookie: lingwu }, payload: { days: [{ date: '2026-12-01', kind: 'vacation' }] } });
    expect(unknownKind.json().error.field).toBe('days.0.kind');
    const extra = await ta.app.inject({ method: 'POST', url: '/api/calendar/640181/overrides', headers: { cookie: lingwu }, payload: { days: [{ date: '2026-12-01', kind: 'holiday' }], extra: 1 } });
    expect(extra.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'extra' });
  });
});
