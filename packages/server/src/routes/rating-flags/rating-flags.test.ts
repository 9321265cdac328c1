import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedCase, deviceAuth, inviteByKey, pairedDevice, seedDeviceWorld, type DeviceWorld } from '../../../test/device-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';
import { systemCtx } from '../../services/actor.ts';

/**
 * The review queue end to end: ratings given through the real channels (the window device, the
 * public evaluation page) carry their device and the hash of their address, a staff member's own
 * phone is registered through the staff API, the scan flags what it should, and supervisors review.
 */
describe('rating flags (刷评 / 恶意评价): from the channels to the review queue', () => {
  let ta: TestApp;
  let w: DeviceWorld;
  let device: { id: number; token: string };
  let lwSup: { cookie: string; userId: number };
  let xqSup: string;
  let auditor: string;
  let clerk: string;
  const deviceRatings: number[] = [];
  let publicRating: number;

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedDeviceWorld(ta);
    device = await pairedDevice(ta, w.admin, w.window.id);
    lwSup = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' });
    xqSup = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    auditor = (await loginAs(ta, 'lw.auditor', 'auditor', { scopeRegionCode: '640181' })).cookie;
    clerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;

    // A clerk pushes 6 cases through the device one after the other, and each is "rated" at once.
    for (let i = 1; i <= 6; i++) {
      await completedCase(ta, w, `FL-D-${i}`);
      const invited = await inviteByKey(ta, w.lwKey, { caseNo: `FL-D-${i}`, windowId: w.window.id });
      expect(invited.statusCode).toBe(201);
      const rated = await ta.app.inject({ method: 'POST', url: `/api/device/requests/${invited.json().requestId}/evaluation`, headers: deviceAuth(device.token), payload: { level: 5 } });
      expect(rated.statusCode).toBe(200);
    }
    deviceRatings.push(...(await ta.t.db.selectFrom('evaluations').select('id').where('channel', '=', 'device').orderBy('id').execute()).map((r) => r.id));

    // The staff member registers their own phone — the one the cases' applicant gave (aCase).
    const patched = await ta.app.inject({ method: 'PATCH', url: `/api/staff/${w.staffId}`, headers: { cookie: w.admin }, payload: { phone: '13812341234', idNumber: '640181199001011111' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ phoneMasked: '138****1234', hasIdNumber: true });
    const caseId = await completedCase(ta, w, 'FL-P-1');
    const token = await ta.c.services.publicEvaluations.open(ta.c.db, { caseId, channel: 'qr_code', realName: true, expiresAt: new Date(Date.now() + 3_600_000) });
    const submitted = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, remoteAddress: '100.64.1.2', payload: { level: 5 } });
    expect(submitted.statusCode).toBe(201);
    publicRating = submitted.json().id;

    // The scan runs once the ratings have settled.
    await ta.c.services.detection.scan(systemCtx('test'), new Date(Date.now() + 10 * 60_000));
  });
  afterAll(() => ta.close());

  const get = (cookie: string, url: string) => ta.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
  const review = (cookie: string, id: number, payload: Record<string, unknown>) => ta.app.inject({ method: 'POST', url: `/api/rating-flags/${id}/review`, headers: { cookie }, payload });

  it('the channels store the device and the hashed address with the rating, never the address', async () => {
    const rows = await ta.t.db.selectFrom('evaluations').select(['id', 'device_id', 'client_ip_hash']).orderBy('id').execute();
    for (const r of rows.filter((r) => deviceRatings.includes(r.id))) expect(r).toMatchObject({ device_id: device.id, client_ip_hash: null });
    const pub = rows.find((r) => r.id === publicRating)!;
    expect(pub.device_id).toBeNull();
    expect(pub.client_ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pub.client_ip_hash).not.toContain('100.64.1.2');
    // The staff member's phone is kept only as a blind index; the audit log says only that it changed.
    const staff = await ta.t.db.selectFrom('staff').selectAll().where('id', '=', w.staffId).executeTakeFirstOrThrow();
    expect(staff.phone_bidx).toBe(ta.c.cipher.blindIndex('phone', '13812341234'));
    const audit = await ta.t.db.selectFrom('audit_log').select('detail').where('action', '=', 'staff.update').execute();
    expect(JSON.stringify(audit)).not.toContain('13812341234');
    expect(JSON.stringify(audit)).not.toContain('640181199001011111');
  });

  it('lists the flags of the burst, the fast device ratings and the self-rating, with reasons', async () => {
    const res = await get(lwSup.cookie, '/rating-flags?status=pending');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; detector: string; ratingCount: number; unitId: number; reason: { zh: string; en: string }; subject: string }[];
    const by = (d: string) => items.filter((f) => f.detector === d);
    expect(by('burst_device')).toHaveLength(1);
    expect(by('burst_device')[0]).toMatchObject({ ratingCount: 6, unitId: w.mz.id, subject: expect.stringMatching(new RegExp(`^device:${device.id}@`)) });
    expect(by('burst_device')[0]!.reason.zh).toContain(`评价器 #${device.id}`);
    expect(by('fast_device')[0]).toMatchObject({ ratingCount: 6, subject: `staff:${w.staffId}` });
    expect(by('self_rating')[0]).toMatchObject({ ratingCount: 1, subject: `staff:${w.staffId}` });
    // Filters.
    expect((await get(lwSup.cookie, '/rating-flags?detector=self_rating')).json().items).toHaveLength(1);
    expect((await get(lwSup.cookie, `/rating-flags?unitId=${w.ga.id}`)).json().items).toEqual([]);
    expect((await get(auditor, '/rating-flags')).json().items.length).toBe(items.length);
  });

  it('one flag shows its ratings without who gave them', async () => {
    const [flag] = (await get(lwSup.cookie, '/rating-flags?detector=self_rating')).json().items;
    const res = await get(lwSup.cookie, `/rating-flags/${flag.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().ratings).toEqual([expect.objectContaining({ id: publicRating, caseNo: 'FL-P-1', level: 5, channel: 'qr_code', realName: true, excludedAs: null })]);
    const body = res.body;
    expect(body).not.toContain('13812341234');
    expect(body).not.toMatch(/evaluator|phone_bidx|applicant/);
  });

  it('a supervisor confirms or dismisses with a reason; repeating is harmless, changing one’s mind is a conflict; all audited', async () => {
    const items = (await get(lwSup.cookie, '/rating-flags')).json().items as { id: number; detector: string }[];
    const fast = items.find((f) => f.detector === 'fast_device')!;
    const burst = items.find((f) => f.detector === 'burst_device')!;

    expect((await review(lwSup.cookie, fast.id, { decision: 'confirm', reason: ' 短 ' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    expect((await review(lwSup.cookie, fast.id, { decision: 'maybe', reason: '核实后确认为工作人员代评' })).statusCode).toBe(400);
    expect((await review(lwSup.cookie, fast.id, { decision: 'confirm', reason: '核实后确认为工作人员代评', extra: 1 })).statusCode).toBe(400);
    expect((await review(lwSup.cookie, 999_999, { decision: 'confirm', reason: '核实后确认为工作人员代评' })).statusCode).toBe(404);

    const confirmed = await review(lwSup.cookie, fast.id, { decision: 'confirm', reason: '核实后确认为工作人员代评' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().flag).toMatchObject({ status: 'confirmed', reviewedBy: lwSup.userId, reviewReason: '核实后确认为工作人员代评' });
    expect((await review(lwSup.cookie, fast.id, { decision: 'confirm', reason: '核实后确认为工作人员代评' })).statusCode).toBe(200);
    const flip = await review(lwSup.cookie, fast.id, { decision: 'dismiss', reason: '改变主意了，排除' });
    expect(flip.statusCode).toBe(409);
    expect(flip.json().error.code).toBe('CONFLICT');

    const dismissed = await review(lwSup.cookie, burst.id, { decision: 'dismiss', reason: '窗口集中补录，已核实为真实评价' });
    expect(dismissed.json().flag.status).toBe('dismissed');
    expect((await get(lwSup.cookie, '/rating-flags?status=dismissed')).json().items.map((f: { id: number }) => f.id)).toEqual([burst.id]);

    const audit = await ta.t.db.selectFrom('audit_log').select(['target_id', 'detail', 'actor_id']).where('action', '=', 'detection.flag.review').orderBy('seq').execute();
    expect(audit.map((a) => [a.target_id, (a.detail as { decision: string }).decision])).toEqual([[String(fast.id), 'confirmed'], [String(burst.id), 'dismissed']]);
    expect(audit[0]!.actor_id).toBe(`user:${lwSup.userId}`);
    // The ratings themselves are untouched: still counted, nothing excluded.
    const ratings = await ta.t.db.selectFrom('evaluations').select(['excluded_as', 'superseded_by']).where('id', 'in', deviceRatings).execute();
    expect(ratings.every((r) => r.excluded_as === null && r.superseded_by === null)).toBe(true);
  });

  it('another county sees nothing and changes nothing; clerks and auditors cannot review', async () => {
    const items = (await get(lwSup.cookie, '/rating-flags')).json().items as { id: number; status: string }[];
    const pending = items.find((f) => f.status === 'pending')!;
    expect((await get(xqSup, '/rating-flags')).json().items).toEqual([]);
    expect((await get(xqSup, `/rating-flags/${pending.id}`)).statusCode).toBe(403);
    expect((await review(xqSup, pending.id, { decision: 'dismiss', reason: '越权排除这个标记' })).statusCode).toBe(403);
    expect((await get(clerk, '/rating-flags')).statusCode).toBe(403);
    expect((await review(auditor, pending.id, { decision: 'dismiss', reason: '审计员不能核查' })).statusCode).toBe(403);
    expect((await ta.c.repos.detection.find(pending.id))!.status).toBe('pending');
  });

  it('a dismissed pattern that goes on opens a new flag with only the new ratings', async () => {
    const before = (await get(lwSup.cookie, '/rating-flags?detector=burst_device')).json().items as { id: number; status: string }[];
    expect(before.map((f) => f.status)).toEqual(['dismissed']);
    for (let i = 7; i <= 8; i++) {
      await completedCase(ta, w, `FL-D-${i}`);
      const invited = await inviteByKey(ta, w.lwKey, { caseNo: `FL-D-${i}`, windowId: w.window.id });
      await ta.app.inject({ method: 'POST', url: `/api/device/requests/${invited.json().requestId}/evaluation`, headers: deviceAuth(device.token), payload: { level: 5 } });
    }
    await ta.c.services.detection.scan(systemCtx('test'), new Date(Date.now() + 10 * 60_000));
    const after = (await get(lwSup.cookie, '/rating-flags?detector=burst_device')).json().items as { id: number; status: string; ratingCount: number }[];
    expect(after.map((f) => [f.status, f.ratingCount])).toEqual([['pending', 2], ['dismissed', 6]]);
  });
});
