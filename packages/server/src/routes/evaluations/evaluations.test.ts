import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { caseCompletedAt, completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';
import { systemCtx } from '../../services/actor.ts';

/**
 * The staff listing (history) of ratings: scope, filters, never who rated, and the clerk's delay.
 * Ratings: EL-DEVICE (real-name 2 by device, just now), EL-PHONE (5 by phone, entered by an operator,
 * just now), EL-DEFAULT (default 3, dated 2026-09-?), EL-OLD (4 by QR code, moved 3 days back).
 */
describe('evaluations for staff', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let lwSup: string;
  let lwClerk: string;
  let xqSup: string;
  let ids: { device: number; phone: number; old: number; default: number };
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    lwSup = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    lwClerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
    xqSup = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    const op = await loginAs(ta, 'lw.op', 'operator', { scopeRegionCode: '640181' });
    const ev = ta.c.services.evaluations;
    const device = await ev.record(system, { caseId: await completedCase(ta, w, 'EL-DEVICE'), channel: 'device', level: 2, tags: ['204'], text: '态度不好', realName: true });
    const phone = await ta.app.inject({ method: 'POST', url: '/api/evaluations', headers: { cookie: op.cookie }, payload: { caseNo: await completedCase(ta, w, 'EL-PHONE').then(() => 'EL-PHONE'), channel: 'phone', level: 5 } });
    const old = await ev.record(system, { caseId: await completedCase(ta, w, 'EL-OLD'), channel: 'qr_code', level: 4 });
    await ta.c.db.updateTable('evaluations').set({ submitted_at: new Date(Date.now() - 3 * 86_400_000) }).where('id', '=', old.id).execute();
    const defaultCase = await caseCompletedAt(ta, w, 'EL-DEFAULT', '2026-09-30T10:00:00+08:00');
    await ev.recordDefaults(systemCtx('test'), new Date('2026-10-14T00:00:00+08:00'), 50);
    const def = await ta.c.db.selectFrom('evaluations').select('id').where('case_id', '=', defaultCase).executeTakeFirstOrThrow();
    ids = { device: device.id, phone: phone.json().id, old: old.id, default: def.id };
  });
  afterAll(() => ta.close());

  const list = (cookie: string, query = '') => ta.app.inject({ method: 'GET', url: `/api/evaluations${query}`, headers: { cookie } });
  const caseNos = (res: { json(): { items: { caseNo: string }[] } }) => res.json().items.map((i) => i.caseNo).sort();

  it('lists the ratings of the supervisor’s county, newest first, and never who rated', async () => {
    const res = await list(lwSup);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { caseNo: string }) => i.caseNo)).toEqual(['EL-PHONE', 'EL-DEVICE', 'EL-OLD', 'EL-DEFAULT']);
    const device = items.find((i: { id: number }) => i.id === ids.device);
    expect(device).toMatchObject({ level: 2, levelLabel: '不满意', bad: true, tags: ['204'], text: '态度不好', channel: 'device', realName: true, staffEntered: false, kind: 'active', unitName: '灵武市民政局', windowName: 'A01 综合窗口', staffName: '马晓东', itemCode: 'LW-ITEM-1', regionCode: '640181000000', policyVersion: 1 });
    expect(items.find((i: { id: number }) => i.id === ids.phone)).toMatchObject({ staffEntered: true, realName: false, channel: 'phone' });
    // The applicant (张三丰, 13812341234) who rated EL-DEVICE under their real name appears nowhere, nor does who entered EL-PHONE.
    const text = res.body;
    expect(text).not.toMatch(/张|1381234|138\*|evaluator|enteredBy|lw\.op/);
    const one = await ta.app.inject({ method: 'GET', url: `/api/evaluations/${ids.device}`, headers: { cookie: lwSup } });
    expect(one.statusCode).toBe(200);
    expect(Object.keys(one.json())).not.toContain('evaluatorName');
    expect(one.body).not.toMatch(/张|1381234/);
  });

  it('filters by level, bad, kind, channel, case number, unit, window, staff, item and period', async () => {
    expect(caseNos(await list(lwSup, '?bad=true'))).toEqual(['EL-DEVICE']);
    expect(caseNos(await list(lwSup, '?level=4'))).toEqual(['EL-OLD']);
    expect(caseNos(await list(lwSup, '?kind=default'))).toEqual(['EL-DEFAULT']);
    expect(caseNos(await list(lwSup, '?channel=phone'))).toEqual(['EL-PHONE']);
    expect(caseNos(await list(lwSup, '?caseNo=EL-OLD'))).toEqual(['EL-OLD']);
    expect(caseNos(await list(lwSup, `?unitId=${w.mz.id}&windowId=${w.window.id}&staffId=${w.staffId}&itemCode=LW-ITEM-1`))).toHaveLength(4);
    expect(caseNos(await list(lwSup, `?unitId=${w.ga.id}`))).toEqual([]);
    expect(caseNos(await list(lwSup, '?from=2026-10-01&to=2026-10-31'))).toEqual(['EL-DEFAULT']);
    expect(caseNos(await list(lwSup, `?from=${encodeURIComponent('2026-10-13T16:00:00Z')}&to=${encodeURIComponent('2026-10-13T16:00:00.001Z')}`))).toEqual(['EL-DEFAULT']);
    expect(caseNos(await list(lwSup, '?regionCode=640181100'))).toEqual([]);
    expect(caseNos(await list(lwSup, '?limit=1&offset=1'))).toEqual(['EL-DEVICE']);
  });

  it('refuses bad filters with their field', async () => {
    const field = async (q: string) => (await list(lwSup, q)).json().error.field;
    expect(await field('?from=2026-11-30&to=2026-11-01')).toBe('to');
    expect(await field('?from=2026-02-30')).toBe('from');
    expect(await field('?to=yesterday')).toBe('to');
    expect(await field('?level=6')).toBe('level');
    expect(await field('?channel=fax')).toBe('channel');
    expect(await field('?evaluator=x')).toBe('evaluator');
  });

  it('another county sees none of them, and reading one answers 403', async () => {
    expect((await list(xqSup)).json().items).toEqual([]);
    const one = await ta.app.inject({ method: 'GET', url: `/api/evaluations/${ids.device}`, headers: { cookie: xqSup } });
    expect(one.statusCode).toBe(403);
    expect((await ta.app.inject({ method: 'GET', url: '/api/evaluations/999999', headers: { cookie: lwSup } })).statusCode).toBe(404);
  });

  it('a clerk sees their unit’s ratings only as history: not the one given a moment ago at the window', async () => {
    const res = await list(lwClerk);
    expect(caseNos(res)).toEqual(['EL-DEFAULT', 'EL-OLD']);
    expect((await list(lwClerk, '?caseNo=EL-DEVICE')).json().items).toEqual([]);
    expect((await ta.app.inject({ method: 'GET', url: `/api/evaluations/${ids.device}`, headers: { cookie: lwClerk } })).statusCode).toBe(404);
    expect((await ta.app.inject({ method: 'GET', url: `/api/evaluations/${ids.old}`, headers: { cookie: lwClerk } })).statusCode).toBe(200);
    // Once the delay of the policy version has passed, it is history like the others.
    await ta.c.db.updateTable('evaluations').set({ submitted_at: new Date(Date.now() - 25 * 3_600_000) }).where('id', '=', ids.device).execute();
    expect(caseNos(await list(lwClerk))).toEqual(['EL-DEFAULT', 'EL-DEVICE', 'EL-OLD']);
  });
});
