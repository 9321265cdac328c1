import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedCase, deviceAuth, inviteByKey, pairedDevice, seedDeviceWorld, type DeviceWorld } from '../../../test/device-fixtures.ts';
import { openEventStream, type SseConnection } from '../../../test/sse-client.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createContainer } from '../../container.ts';
import { buildApp, type App } from '../../http/app.ts';
import { ephemeralKeyring } from '../../security/key-store.ts';
import { PiiCipher } from '../../security/pii-cipher.ts';

/**
 * The device's event stream over a real socket: what it shows on connect, when a request arrives
 * through this instance, through another instance, or straight from the database, and after.
 */
describe('device event stream (SSE)', () => {
  let ta: TestApp;
  let w: DeviceWorld;
  let device: { id: number; token: string };
  let base: string;
  let other: App;
  let otherBase: string;
  const streams: SseConnection[] = [];
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedDeviceWorld(ta);
    device = await pairedDevice(ta, w.admin, w.window.id);
    base = await ta.app.listen({ port: 0, host: '127.0.0.1' });
    // A second server instance: its own services and its own hub, on its own connection to the same database.
    const c2 = createContainer({ db: ta.t.connectAgain(), cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    other = await buildApp({ container: c2 });
    otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await other.close();
    await ta.close();
  });

  const open = async (url: string, token = device.token) => {
    const s = await openEventStream(`${url}/api/device/events`, deviceAuth(token));
    streams.push(s);
    return s;
  };
  const submit = (requestId: number, body: Record<string, unknown>) =>
    ta.app.inject({ method: 'POST', url: `/api/device/requests/${requestId}/evaluation`, headers: deviceAuth(device.token), payload: body });

  it('refuses a stream without a valid device token', async () => {
    const res = await fetch(`${base}/api/device/events`, { headers: deviceAuth(`dv_${'y'.repeat(43)}`) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('shows idle on connect, the rating screen when asked, and idle again after the rating', async () => {
    const s = await open(base);
    expect(s.status).toBe(200);
    const idle = await s.next();
    expect(idle).toEqual({ event: 'idle', data: expect.objectContaining({ window: { id: w.window.id, name: 'A01 综合窗口', hall: '灵武市政务服务大厅A厅' } }) });

    await completedCase(ta, w, 'SSE-1');
    const { requestId } = (await inviteByKey(ta, w.lwKey, { caseNo: 'SSE-1', windowId: w.window.id })).json();
    const shown = await s.next();
    expect(shown.event).toBe('evaluate');
    const data = shown.data as Record<string, unknown> & { levels: { level: number; zh: string; bad: boolean }[]; tags: { level: number }[]; content: { code: string }[] };
    expect(data).toMatchObject({ requestId, caseNo: '*SE-1', itemName: '最低生活保障审批', mode: 'offline', badRatingNeeds: 'tag_or_text', textMaxLength: 150 });
    expect(data.levels.map((l) => l.zh)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(data.levels.filter((l) => l.bad).map((l) => l.level)).toEqual([2, 1]);
    expect(data.content.map((i) => i.code)).toEqual(['overall', 'efficiency', 'quality', 'attitude']);
    expect(data.tags.some((t) => t.level === 2)).toBe(true);
    // The hub records "shown" right after writing the event, so the row may lag the stream by a moment.
    let status = '';
    for (let i = 0; i < 100 && status !== 'shown'; i++) {
      status = (await ta.t.db.selectFrom('device_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status;
      if (status !== 'shown') await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('shown');

    expect((await submit(requestId, { level: 5, idempotencyKey: 'sse-1' })).json()).toEqual({ ok: true });
    expect((await s.next()).event).toBe('idle');
    const stored = await ta.t.db.selectFrom('evaluations').select(['channel', 'level']).where('source_ref', '=', `device-request:${requestId}`).execute();
    expect(stored).toEqual([{ channel: 'device', level: 5 }]);
  });

  it('a request written straight into the database reaches the device through the poll', async () => {
    const s = await open(base);
    await s.next('idle');
    const caseId = await completedCase(ta, w, 'SSE-2');
    const row = await ta.t.db
      .insertInto('device_requests')
      .values({ device_id: device.id, case_id: caseId, requested_by_kind: 'system', requested_by_id: null, expires_at: new Date(Date.now() + 600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shown = await s.next('evaluate');
    expect((shown.data as { requestId: number }).requestId).toBe(row.id);
    // Expiry also reaches it: the screen goes back to idle and the request reads as expired.
    await ta.t.db.updateTable('device_requests').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', row.id).execute();
    expect((await s.next()).event).toBe('idle');
    const after = await ta.t.db.selectFrom('device_requests').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('expired');
  });

  it('a request made on one instance reaches the device connected to another', async () => {
    const s = await open(otherBase);
    await s.next('idle');
    await completedCase(ta, w, 'SSE-3');
    const { requestId } = (await inviteByKey(ta, w.lwKey, { caseNo: 'SSE-3', windowId: w.window.id })).json();
    const shown = await s.next('evaluate');
    expect((shown.data as { requestId: number }).requestId).toBe(requestId);
    // A newer request replaces it on the screen at once.
    await completedCase(ta, w, 'SSE-4');
    const newer = (await inviteByKey(ta, w.lwKey, { caseNo: 'SSE-4', windowId: w.window.id })).json().requestId;
    expect(((await s.next('evaluate')).data as { requestId: number }).requestId).toBe(newer);
  });

  it('a new pairing code ends the old tablet’s stream with `unpaired`', async () => {
    const s = await open(base);
    await s.next('idle');
    const res = await ta.app.inject({ method: 'POST', url: `/api/devices/${device.id}/pairing-code`, headers: { cookie: w.admin } });
    expect(res.statusCode).toBe(200);
    expect((await s.next('unpaired')).event).toBe('unpaired');
    await expect(s.next()).rejects.toThrow(/ended/);
  });
});
