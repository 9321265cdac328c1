import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { aCase, pushCase } from '../../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

const DAY = 86_400_000;
const PHONE = '13812341234';
const OTHER_PHONE = '13900001111';

describe('the QR code at a window', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let key: string;
  let ipCounter = 0;
  /** Each test calls from its own address, so the per-address limits of one test do not touch another. */
  const newIp = () => `10.0.0.${++ipCounter}`;

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    await ta.c.db.insertInto('staff_windows').values({ staff_id: w.staffId, window_id: w.window.id }).execute();
    const admin = await loginAs(ta, 'admin', 'sysadmin');
    const link = await ta.app.inject({ url: `/api/organisations/${w.window.id}/public-link`, headers: { cookie: admin.cookie } });
    expect(link.statusCode).toBe(200);
    key = link.json().publicKey;
    expect(link.json().url).toBe(`/q/${key}`);
    const notWindow = await ta.app.inject({ url: `/api/organisations/${w.mz.id}/public-link`, headers: { cookie: admin.cookie } });
    expect(notWindow.statusCode).toBe(404);
  });
  afterAll(() => ta.close());

  const recent = (daysAgo = 1) => new Date(Date.now() - daysAgo * DAY).toISOString();
  const call = (path: string, payload: object, ip: string) => ta.app.inject({ method: 'POST', url: `/api/public/windows/${key}/${path}`, payload, remoteAddress: ip });
  const otpMessages = (phone: string) =>
    ta.c.db.selectFrom('sms_messages').select(['body', 'purpose']).where('phone_bidx', '=', ta.c.cipher.blindIndex('phone', phone)).where('purpose', '=', 'otp').orderBy('id', 'desc').execute();
  const latestCode = async (phone: string) => /验证码 ([0-9]{6})/.exec((await otpMessages(phone))[0]!.body)![1]!;
  const reason = (res: { json(): { error: { details?: { reason: string }[] } } }) => res.json().error.details?.[0]?.reason;

  it('tells which window it is, with its hall and the units serving there', async () => {
    const res = await ta.app.inject(`/api/public/windows/${key}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'A01 综合窗口', hallName: '灵武市政务服务大厅A厅', regionName: '灵武市', units: ['灵武市民政局'], otpValidMinutes: 10, lookbackDays: 30 });
    expect((await ta.app.inject('/api/public/windows/nosuchkey1')).statusCode).toBe(404);
    expect((await ta.app.inject('/api/public/windows/a')).json().error.field).toBe('key');
    // Every window has its own key, also the ones created after the migration.
    const other = await ta.c.services.organisations.create(system, { regionCode: '640181000000', kind: 'window', parentId: w.hall.id, code: 'A02', name: 'A02 窗口' });
    const otherKey = (await ta.c.repos.orgs.find(other.id))!.public_key;
    expect(otherKey).toMatch(/^[0-9a-f]{12}$/);
    expect(otherKey).not.toBe(key);
  });

  it('phone + SMS code: a code only for a phone with a recent case there, the same answer for any other', async () => {
    await completedCase(ta, w, 'QR-1', recent(2));
    await completedCase(ta, w, 'QR-2', recent(1));
    const ip = newIp();
    const withCase = await call('otp', { phone: PHONE }, ip);
    const without = await call('otp', { phone: OTHER_PHONE }, ip);
    expect(withCase.statusCode).toBe(200);
    expect(without.statusCode).toBe(200);
    expect(without.body).toBe(withCase.body);
    expect(withCase.json()).toEqual({ ok: true, validMinutes: 10 });
    expect(await otpMessages(OTHER_PHONE)).toEqual([]);
    expect(await otpMessages(PHONE)).toHaveLength(1);

    const res = await call('identify', { phone: PHONE, code: await latestCode(PHONE) }, ip);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { caseNo: string; itemName: string; token: string }[];
    expect(items.map((i) => i.caseNo)).toEqual(['**-2', '**-1']);
    expect(JSON.stringify(items)).not.toMatch(/QR-1|QR-2/);
    expect(items[0]!.itemName).toBe('最低生活保障审批');
    const form = (await ta.app.inject(`/api/public/evaluate/${items[0]!.token}`)).json();
    expect(form).toMatchObject({ caseNo: 'QR-2', channel: 'qr_code', applicant: '张**', state: 'open' });
    const rated = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${items[0]!.token}`, payload: { level: 4 } });
    expect(rated.statusCode).toBe(201);
    expect(await ta.c.repos.evaluations.find(rated.json().id)).toMatchObject({ channel: 'qr_code', real_name: true });

    // The code works once; a new one no longer lists the case just rated.
    expect(reason(await call('identify', { phone: PHONE, code: await latestCode(PHONE) }, ip))).toBe('unknown');
    await call('otp', { phone: PHONE }, ip);
    const again = await call('identify', { phone: PHONE, code: await latestCode(PHONE) }, ip);
    expect((again.json().items as unknown[]).length).toBe(1);
  });

  it('locks a code after five wrong tries, even for the right code afterwards', async () => {
    const ip = newIp();
    await call('otp', { phone: PHONE }, ip);
    const code = await latestCode(PHONE);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const reasons: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call('identify', { phone: PHONE, code: wrong }, ip);
      expect(res.statusCode).toBe(410);
      expect(res.json().error.field).toBe('code');
      reasons.push(reason(res)!);
    }
    expect(reasons).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    expect(reason(await call('identify', { phone: PHONE, code }, ip))).toBe('locked');
  });

  it('lets a code expire and refuses one never asked for', async () => {
    const ip = newIp();
    await call('otp', { phone: PHONE }, ip);
    const code = await latestCode(PHONE);
    await ta.c.db.updateTable('public_otps').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    expect(reason(await call('identify', { phone: PHONE, code }, ip))).toBe('expired');
    expect(reason(await call('identify', { phone: '13700000000', code: '123456' }, ip))).toBe('unknown');
  });

  it('case number + applicant name, comparing that one case’s name only', async () => {
    await completedCase(ta, w, 'QR-3', recent(3));
    const ip = newIp();
    const ok = await call('identify-case', { caseNo: 'QR-3', name: ' 张 三丰' }, ip);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ caseNo: 'QR-3', itemName: '最低生活保障审批' });
    expect((await ta.app.inject(`/api/public/evaluate/${ok.json().token}`)).json()).toMatchObject({ caseNo: 'QR-3', channel: 'qr_code' });

    const wrongName = await call('identify-case', { caseNo: 'QR-3', name: '张三' }, ip);
    const unknownNo = await call('identify-case', { caseNo: 'QR-404', name: '张三丰' }, ip);
    expect(wrongName.statusCode).toBe(404);
    expect(wrongName.json().error).toEqual(unknownNo.json().error);
    expect(wrongName.json().error.field).toBe('caseNo');

    // Completed too long ago, or at no window: not found through this QR code.
    const old = await pushCase(ta, w.lwKey, aCase('QR-OLD', { windowId: w.window.id, stages: [{ stage: 'received', at: recent(45) }, { stage: 'completed', at: recent(40) }] }));
    expect(old.statusCode).toBe(201);
    expect((await call('identify-case', { caseNo: 'QR-OLD', name: '张三丰' }, ip)).statusCode).toBe(404);
    const elsewhere = await pushCase(ta, w.lwKey, aCase('QR-ELSEWHERE', { stages: [{ stage: 'completed', at: recent(1) }] }));
    expect(elsewhere.statusCode).toBe(201);
    expect((await call('identify-case', { caseNo: 'QR-ELSEWHERE', name: '张三丰' }, ip)).statusCode).toBe(404);
  });

  it('limits code requests per phone and per address, whether or not the phone has a case', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call('otp', { phone: '13600000001' }, ip)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await call('otp', { phone: '13600000001' }, newIp());
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', field: 'phone' });

    const busy = newIp();
    const perIp: number[] = [];
    for (let i = 0; i < 21; i++) perIp.push((await call('otp', { phone: `135000000${String(i).padStart(2, '0')}` }, busy)).statusCode);
    expect(perIp.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(perIp[20]).toBe(429);
    expect((await call('otp', { phone: '13400000000' }, busy)).json().error.field).toBe('ip');
  });

  it('limits identification tries per address', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await call('identify-case', { caseNo: `GUESS-${i}`, name: '张三丰' }, ip)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await call('identify', { phone: PHONE, code: '000000' }, ip)).statusCode).toBe(429);
  });

  it('answers bad input with its field', async () => {
    const ip = newIp();
    const cases: [string, object, string][] = [
      ['otp', { phone: 'abc' }, 'phone'],
      ['otp', { phone: '12345678901' }, 'phone'],
      ['otp', {}, 'phone'],
      ['identify', { phone: PHONE, code: '12345' }, 'code'],
      ['identify', { phone: PHONE, code: '123456', extra: true }, 'extra'],
      ['identify-case', { caseNo: '', name: '张三丰' }, 'caseNo'],
      ['identify-case', { caseNo: 'QR-3', name: 'x'.repeat(51) }, 'name'],
    ];
    for (const [path, payload, field] of cases) {
      const res = await call(path, payload, ip);
      expect(res.statusCode, `${path} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    const unknownWindow = await ta.app.inject({ method: 'POST', url: '/api/public/windows/zzzzzzzzzzzz/otp', payload: { phone: PHONE }, remoteAddress: ip });
    expect(unknownWindow.statusCode).toBe(404);
  });
});
