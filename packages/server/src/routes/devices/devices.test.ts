import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase } from '../../../test/case-fixtures.ts';
import { completedCase, deviceAuth, inviteByKey, pairedDevice, seedDeviceWorld, type DeviceWorld } from '../../../test/device-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

describe('window rating devices (评价器): pairing, triggering, rating', () => {
  let ta: TestApp;
  let w: DeviceWorld;
  let device: { id: number; token: string };
  let lwClerk: string;
  let xqClerk: string;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedDeviceWorld(ta);
    device = await pairedDevice(ta, w.admin, w.window.id);
    // A clerk of 灵武市民政局: the window is in scope because the unit's staff work there.
    lwClerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
    xqClerk = (await loginAs(ta, 'xq.clerk', 'clerk', { scopeRegionCode: '640104' })).cookie;
  });
  afterAll(() => ta.close());

  const newWindow = async (name: string) =>
    (await ta.c.services.organisations.create({ actor: { kind: 'system', name: 'test' }, requestId: 't' }, { regionCode: '640181000000', kind: 'window', parentId: w.hall.id, name })).id;
  const pair = (code: string) => ta.app.inject({ method: 'POST', url: '/api/device/pair', payload: { code } });
  const submit = (token: string, requestId: number, body: Record<string, unknown>) =>
    ta.app.inject({ method: 'POST', url: `/api/device/requests/${requestId}/evaluation`, headers: deviceAuth(token), payload: body });
  const progress = (cookie: string, id: number) => ta.app.inject({ method: 'GET', url: `/api/devices/requests/${id}`, headers: { cookie } });

  it('a pairing code works once; a wrong, reused or expired code is a 410 that says what to do', async () => {
    const windowId = await newWindow('A02 综合窗口');
    const created = await ta.app.inject({ method: 'POST', url: '/api/devices', headers: { cookie: w.admin }, payload: { windowId, name: 'A02 评价器' } });
    expect(created.statusCode).toBe(201);
    const { pairingCode, pairingExpiresAt, device: d } = created.json();
    expect(pairingCode).toMatch(/^[0-9]{6}$/);
    // The national policy's devicePairingMinutes (15).
    expect(new Date(pairingExpiresAt).getTime() - new Date(d.createdAt).getTime()).toBeGreaterThan(14 * 60_000);
    expect(d).toMatchObject({ state: 'pairing', windowName: 'A02 综合窗口', hallName: '灵武市政务服务大厅A厅' });
    expect(JSON.stringify(d)).not.toContain(pairingCode);

    const wrong = await pair(pairingCode === '000000' ? '000001' : '000000');
    expect(wrong.statusCode).toBe(410);
    expect(wrong.json().error).toMatchObject({ code: 'TOKEN_INVALID', field: 'code' });
    expect((await pair('12ab')).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });

    const ok = await pair(`${pairingCode.slice(0, 3)} ${pairingCode.slice(3)}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ device: { id: d.id }, window: { id: windowId, name: 'A02 综合窗口' } });
    expect(ok.json().deviceToken).toMatch(/^dv_/);
    expect(ok.cookies.find((k) => k.name === 'hcp_device')).toMatchObject({ httpOnly: true, path: '/api/device' });
    const again = await pair(pairingCode);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.message).toContain('already used');

    const fresh = await ta.app.inject({ method: 'POST', url: `/api/devices/${d.id}/pairing-code`, headers: { cookie: w.admin } });
    await ta.t.db.updateTable('devices').set({ pairing_expires_at: new Date(Date.now() - 1000) }).where('id', '=', d.id).execute();
    const expired = await pair(fresh.json().pairingCode);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.message).toContain('expired');
    // The new code unpaired the tablet: its token no longer works.
    expect((await ta.app.inject({ method: 'GET', url: '/api/device/state', headers: deviceAuth(ok.json().deviceToken) })).statusCode).toBe(401);
    const list = await ta.app.inject({ method: 'GET', url: `/api/devices?windowId=${windowId}`, headers: { cookie: w.admin } });
    expect(list.json().items).toEqual([expect.objectContaining({ id: d.id, state: 'unpaired', pairedAt: null })]);
  });

  it('one active device per window; only device managers register devices', async () => {
    const second = await ta.app.inject({ method: 'POST', url: '/api/devices', headers: { cookie: w.admin }, payload: { windowId: w.window.id, name: '第二台' } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.field).toBe('windowId');
    const byClerk = await ta.app.inject({ method: 'POST', url: '/api/devices', headers: { cookie: lwClerk }, payload: { windowId: w.window.id, name: 'x' } });
    expect(byClerk.statusCode).toBe(403);
    const notWindow = await ta.app.inject({ method: 'POST', url: '/api/devices', headers: { cookie: w.admin }, payload: { windowId: w.hall.id, name: 'x' } });
    expect(notWindow.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'windowId' });
  });

  it('the device token authenticates by header or cookie; the idle screen shows the window and the staff on duty', async () => {
    expect((await ta.app.inject({ method: 'GET', url: '/api/device/state' })).statusCode).toBe(401);
    expect((await ta.app.inject({ method: 'GET', url: '/api/device/state', headers: deviceAuth(`dv_${'x'.repeat(43)}`) })).statusCode).toBe(401);
    // A staff session is no device.
    expect((await ta.app.inject({ method: 'GET', url: '/api/device/state', headers: { cookie: w.admin } })).statusCode).toBe(401);
    const res = await ta.app.inject({ method: 'GET', url: '/api/device/state', headers: deviceAuth(device.token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      deviceId: device.id,
      deviceName: 'A01 评价器',
      window: { id: w.window.id, name: 'A01 综合窗口', hall: '灵武市政务服务大厅A厅' },
      staff: [{ name: '马晓东', employeeNo: 'E001', title: '综合受理', photoUrl: '/photos/E001.jpg' }],
    });
    const byCookie = await ta.app.inject({ method: 'GET', url: '/api/device/state', headers: { cookie: `hcp_device=${device.token}` } });
    expect(byCookie.statusCode).toBe(200);
    const list = await ta.app.inject({ method: 'GET', url: `/api/devices?windowId=${w.window.id}`, headers: { cookie: w.admin } });
    expect(list.json().items[0]).toMatchObject({ state: 'paired', lastSeenAt: expect.any(String) });
  });

  it('a rating from the device is stored with channel device; the clerk learns only that it is done', async () => {
    const caseId = await completedCase(ta, w, 'DV-1');
    const invited = await ta.app.inject({ method: 'POST', url: '/api/devices/evaluate', headers: { cookie: lwClerk }, payload: { caseId, windowId: w.window.id } });
    expect(invited.statusCode).toBe(201);
    expect(Object.keys(invited.json()).sort()).toEqual(['expiresAt', 'requestId', 'status']);
    const { requestId } = invited.json();
    expect((await progress(lwClerk, requestId)).json().status).toBe('pending');

    const body = { level: 2, tags: ['201'], text: '等了一个小时', scores: { attitude: 2 }, idempotencyKey: 'tablet-1-dv1' };
    const first = await submit(device.token, requestId, body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true });
    // A retry after a lost answer: the same answer, one row; the same key for another rating is refused.
    expect((await submit(device.token, requestId, body)).json()).toEqual({ ok: true });
    expect((await submit(device.token, requestId, { ...body, level: 5, tags: [], text: null })).statusCode).toBe(409);
    expect((await submit(device.token, requestId, { level: 4, idempotencyKey: 'another' })).json().error.code).toBe('ALREADY_EVALUATED');
    const rows = await ta.t.db.selectFrom('evaluations').selectAll().where('case_id', '=', caseId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'device', level: 2, source_ref: `device-request:${requestId}`, window_id: w.window.id, staff_id: w.staffId });

    const seen = await progress(lwClerk, requestId);
    expect(seen.json()).toMatchObject({ requestId, status: 'done', caseNo: 'DV-1', finishedAt: expect.any(String) });
    expect(seen.body).not.toMatch(/level|"2"|201|等了|attitude|tags/);
    const byKey = await ta.app.inject({ method: 'GET', url: `/api/integration/devices/requests/${requestId}`, headers: { authorization: `Bearer ${w.lwKey}` } });
    expect(byKey.json().status).toBe('done');
    expect(byKey.body).not.toMatch(/level|等了/);
  });

  it('refuses a window without a paired device (409 DEVICE_NOT_PAIRED), a case not open yet, a case already rated', async () => {
    const caseId = await completedCase(ta, w, 'DV-2');
    const bare = await newWindow('A03 无评价器窗口');
    const noDevice = await inviteByKey(ta, w.lwKey, { caseNo: 'DV-2', windowId: bare });
    expect(noDevice.statusCode).toBe(409);
    expect(noDevice.json().error).toMatchObject({ code: 'DEVICE_NOT_PAIRED', field: 'windowId' });
    await pushCase(ta, w.lwKey, aCase('DV-OPEN'));
    expect((await inviteByKey(ta, w.lwKey, { caseNo: 'DV-OPEN', windowId: w.window.id })).json().error.code).toBe('EVALUATION_NOT_OPEN');
    await ta.c.services.evaluations.record({ actor: { kind: 'system', name: 'test' }, requestId: 't' }, { caseId, channel: 'pc', level: 5 });
    expect((await inviteByKey(ta, w.lwKey, { caseNo: 'DV-2', windowId: w.window.id })).json().error.code).toBe('ALREADY_EVALUATED');
    expect((await inviteByKey(ta, w.lwKey, { caseNo: 'NO-SUCH', windowId: w.window.id })).statusCode).toBe(404);
  });

  it('a second request cancels the first; an expired one can no longer be answered', async () => {
    await completedCase(ta, w, 'DV-3');
    await completedCase(ta, w, 'DV-4');
    const a = (await inviteByKey(ta, w.lwKey, { caseNo: 'DV-3', windowId: w.window.id })).json().requestId;
    const b = (await inviteByKey(ta, w.lwKey, { caseNo: 'DV-4', windowId: w.window.id })).json().requestId;
    expect((await progress(w.admin, a)).json().status).toBe('cancelled');
    const withdrawn = await submit(device.token, a, { level: 5 });
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.json().error.message).toContain('withdrawn');

    await ta.t.db.updateTable('device_requests').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', b).execute();
    expect((await progress(w.admin, b)).json().status).toBe('expired');
    const late = await submit(device.token, b, { level: 5 });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.message).toContain('expired');
    expect(await ta.t.db.selectFrom('evaluations').select('id').where('source_ref', 'in', [`device-request:${a}`, `device-request:${b}`]).execute()).toEqual([]);
  });

  it('the request period comes from the region’s policy', async () => {
    const base = (await ta.c.services.evaluations.policyFor('640181000000')).policy;
    await ta.t.db.transaction().execute((trx) => ta.c.repos.evaluations.insertPolicy(trx, '640181000000', { ...base, deviceRequestMinutes: 3 }, '评价器 3 分钟', null));
    await completedCase(ta, w, 'DV-5');
    const before = Date.now();
    const r = await inviteByKey(ta, w.lwKey, { caseNo: 'DV-5', windowId: w.window.id });
    const minutes = (new Date(r.json().expiresAt).getTime() - before) / 60_000;
    expect(minutes).toBeGreaterThan(2.9);
    expect(minutes).toBeLessThan(3.5);
  });

  it('a 640104 clerk or API key cannot trigger the device of another county, nor read its requests', async () => {
    const xqCase = await pushCase(ta, w.xqKey, aCase('XQ-DV-1', { itemCode: 'XQ-ITEM-1', unitCode: 'XQ-SCJ', stages: [{ stage: 'completed', at: '2026-11-03T10:00:00+08:00' }] }));
    expect(xqCase.statusCode).toBe(201);
    const own = await ta.app.inject({ method: 'POST', url: '/api/devices/evaluate', headers: { cookie: xqClerk }, payload: { caseId: xqCase.json().id, windowId: w.window.id } });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('OUT_OF_SCOPE');
    const lwCase = await completedCase(ta, w, 'DV-6');
    const other = await ta.app.inject({ method: 'POST', url: '/api/devices/evaluate', headers: { cookie: xqClerk }, payload: { caseId: lwCase, windowId: w.window.id } });
    expect(other.statusCode).toBe(403);
    const byXqKey = await inviteByKey(ta, w.xqKey, { caseNo: 'XQ-DV-1', windowId: w.window.id });
    expect(byXqKey.statusCode).toBe(403);
    expect((await inviteByKey(ta, w.xqKey, { caseNo: 'DV-6', windowId: w.window.id })).statusCode).toBe(403);
    const mine = (await inviteByKey(ta, w.lwKey, { caseNo: 'DV-6', windowId: w.window.id })).json().requestId;
    expect((await progress(xqClerk, mine)).statusCode).toBe(403);
    const list = await ta.app.inject({ method: 'GET', url: '/api/devices', headers: { cookie: (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie } });
    expect(list.json().items).toEqual([]);
  });

  it('a device switched off loses its open request and its token', async () => {
    await completedCase(ta, w, 'DV-7');
    const r = (await inviteByKey(ta, w.lwKey, { caseNo: 'DV-7', windowId: w.window.id })).json().requestId;
    const off = await ta.app.inject({ method: 'PATCH', url: `/api/devices/${device.id}`, headers: { cookie: w.admin }, payload: { active: false } });
    expect(off.json()).toMatchObject({ active: false, state: 'inactive' });
    expect((await progress(w.admin, r)).json().status).toBe('cancelled');
    expect((await ta.app.inject({ method: 'GET', url: '/api/device/state', headers: deviceAuth(device.token) })).statusCode).toBe(401);
    expect((await inviteByKey(ta, w.lwKey, { caseNo: 'DV-7', windowId: w.window.id })).json().error.code).toBe('DEVICE_NOT_PAIRED');
    const on = await ta.app.inject({ method: 'PATCH', url: `/api/devices/${device.id}`, headers: { cookie: w.admin }, payload: { active: true } });
    expect(on.json().state).toBe('paired');
  });

  it('guessing pairing codes from one address is stopped after the national policy’s hourly limit', async () => {
    const guess = (n: number) => ta.app.inject({ method: 'POST', url: '/api/device/pair', payload: { code: String(100000 + n) }, remoteAddress: '203.0.113.77' });
    const statuses: number[] = [];
    for (let n = 0; n < 21; n++) statuses.push((await guess(n)).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 410)).toBe(true);
    const blocked = await guess(99);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    const elsewhere = await ta.app.inject({ method: 'POST', url: '/api/device/pair', payload: { code: '123456' }, remoteAddress: '203.0.113.78' });
    expect(elsewhere.statusCode).toBe(410);
  });
});
