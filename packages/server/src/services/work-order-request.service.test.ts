import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../test/case-fixtures.ts';
import { caseCompletedAt, completedCase, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../test/test-app.ts';
import { createContainer } from '../container.ts';
import type { AppError } from '../errors.ts';
import { ephemeralKeyring } from '../security/key-store.ts';
import { PiiCipher } from '../security/pii-cipher.ts';
import type { Ctx } from './actor.ts';
import { WorkOrderRequestService } from './work-order-request.service.ts';

/** Requests on work orders at the service level: the clock is the service's, so windows can be tested at any instant. */
describe('work order requests (延期, 复核申诉, 无法整改)', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: Ctx;
  let sup2: Ctx;
  let unitAdmin: Ctx;
  const LINGWU = { regionCode: '640181000000', orgPath: null };

  const userCtx = (userId: number, role: 'supervisor' | 'unit_admin' | 'clerk', scope: { regionCode: string | null; orgPath: string | null }, staffId: number | null = null): Ctx => ({
    actor: { kind: 'user', userId, username: `u${userId}`, role, scope, staffId },
    requestId: `test-${userId}`,
  });
  /** The same services with the clock stopped at `at`. */
  const at = (iso: string) => {
    const d = ta.c.repos;
    return new WorkOrderRequestService({ db: ta.c.db, orders: d.workOrders, requests: d.workOrderRequests, attachments: d.workOrderAttachments, evaluations: d.evaluations, orgs: d.orgs, calendar: ta.c.services.calendar, audit: d.audit, now: () => new Date(iso) });
  };
  async function badOrder(caseNo: string, ratedAt?: string): Promise<number> {
    const caseId = ratedAt ? await caseCompletedAt(ta, w, caseNo, new Date(new Date(ratedAt).getTime() - 3_600_000).toISOString()) : await completedCase(ta, w, caseNo);
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 1, tags: ['101'], ...(ratedAt ? { at: new Date(ratedAt) } : {}) });
    return (await ta.c.repos.workOrders.findByEvaluation(r.id))!.id;
  }
  const status = (p: Promise<unknown>) => p.then(() => 'ok', (e: AppError) => e.code ?? String(e));

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    sup = userCtx((await loginAs(ta, 'req.sup', 'supervisor', { scopeRegionCode: '640181' })).userId, 'supervisor', LINGWU);
    sup2 = userCtx((await loginAs(ta, 'req.sup2', 'supervisor', { scopeRegionCode: '640181' })).userId, 'supervisor', LINGWU);
    const mzPath = (await ta.c.repos.orgs.find(w.mz.id))!.path;
    unitAdmin = userCtx((await loginAs(ta, 'req.mz', 'unit_admin', { scopeOrgId: w.mz.id })).userId, 'unit_admin', { regionCode: null, orgPath: mzPath });
  });
  afterAll(() => ta.close());

  it('an appeal is accepted until the end of the second working day after receipt, across a weekend, and refused after', async () => {
    // Rated (and the order opened) on Thursday 19 November 2026 at 16:00: the window is Friday and Monday.
    const id = await badOrder('RQ-WEEKEND', '2026-11-19T16:00:00+08:00');
    const saturday = await status(at('2026-11-24T00:00:00+08:00').file(unitAdmin, id, 'appeal', { reason: '评价人所述情况不属实' }));
    expect(saturday).toBe('APPEAL_WINDOW_CLOSED');
    expect(await ta.c.repos.workOrderRequests.ofOrder(id)).toEqual([]);
    expect((await ta.c.repos.workOrders.events(id)).map((e) => e.action)).toEqual(['open']);
    const monday = await at('2026-11-23T17:30:00+08:00').file(unitAdmin, id, 'appeal', { reason: '评价人所述情况不属实' });
    expect(monday.request).toMatchObject({ kind: 'appeal', status: 'pending', requested_by: unitAdmin.actor.kind === 'user' ? unitAdmin.actor.userId : -1 });
    // The office decides within 5 working days of the filing: Tue 24 … Mon 30 November.
    expect(monday.request.decision_due).toEqual(new Date('2026-12-01T00:00:00+08:00'));
  });

  it('an upheld appeal marks the rating mistaken, still stored, and closes the order; the decision and reasons stay with it', async () => {
    const id = await badOrder('RQ-UPHELD');
    const order = (await ta.c.repos.workOrders.find(id))!;
    await ta.c.services.workOrders.act(sup, id, 'assign', {});
    const ext = await ta.c.services.workOrderRequests.file(unitAdmin, id, 'extension', { reason: '需协调其他部门', days: 1 });
    const appeal = await ta.c.services.workOrderRequests.file(unitAdmin, id, 'appeal', { reason: '办件记录显示当场办结，评价人误选' });
    const decided = await ta.c.services.workOrderRequests.decide(sup, appeal.request.id, { outcome: 'approved', reason: '经核查，系误评', excludedAs: 'mistaken' });
    expect(decided.request).toMatchObject({ status: 'approved', excluded_as: 'mistaken', decision_reason: '经核查，系误评' });
    expect(decided.order).toMatchObject({ state: 'closed_appeal_upheld', version: order.version + 2 });
    expect(decided.order.closed_at).not.toBeNull();
    const rating = await ta.c.db.selectFrom('evaluations').select(['id', 'level', 'excluded_as', 'excluded_at']).where('id', '=', order.evaluation_id).executeTakeFirstOrThrow();
    expect(rating).toMatchObject({ level: 1, excluded_as: 'mistaken' });
    expect(rating.excluded_at).toEqual(decided.request.decided_at);
    // The extension still pending has nothing left to decide.
    expect((await ta.c.repos.workOrderRequests.find(ext.request.id))!.status).toBe('cancelled');
    const events = await ta.c.repos.workOrders.events(id);
    expect(events.map((e) => e.action)).toEqual(['open', 'assign', 'extension_requested', 'appeal_filed', 'appeal_upheld']);
    expect(events.at(-1)).toMatchObject({ from_state: 'assigned', to_state: 'closed_appeal_upheld', text: '经核查，系误评', detail: { requestId: appeal.request.id, excludedAs: 'mistaken', cancelledRequests: [ext.request.id] } });
    const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'work_order').where('target_id', '=', String(id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['workorder.open', 'workorder.assign', 'workorder.request.file', 'workorder.request.file', 'workorder.request.decide']);
    // The reasons are with the request, not in the audit log (they may name people).
    expect(JSON.stringify(audit)).not.toContain('误评');
    // Nothing more happens to a closed order.
    expect(await status(ta.c.services.workOrders.act(sup, id, 'verify', {}))).toBe('ILLEGAL_TRANSITION');
    expect(await status(ta.c.services.workOrderRequests.file(unitAdmin, id, 'appeal', { reason: '再次申诉' }))).toBe('ILLEGAL_TRANSITION');
  });

  it('a rejected appeal changes nothing, and the order goes on', async () => {
    const id = await badOrder('RQ-REJECT');
    const before = (await ta.c.repos.workOrders.find(id))!;
    const appeal = await ta.c.services.workOrderRequests.file(unitAdmin, id, 'appeal', { reason: '不认可该差评' });
    const r = await ta.c.services.workOrderRequests.decide(sup, appeal.request.id, { outcome: 'rejected', reason: '评价人反映属实' });
    expect(r.request).toMatchObject({ status: 'rejected', excluded_as: null });
    expect(r.order).toMatchObject({ state: 'opened', version: before.version, closed_at: null });
    const rating = await ta.c.db.selectFrom('evaluations').select(['excluded_as']).where('id', '=', before.evaluation_id).executeTakeFirstOrThrow();
    expect(rating.excluded_as).toBeNull();
    expect(await status(ta.c.services.workOrders.act(sup, id, 'assign', {}))).toBe('ok');
  });

  it('an approved extension moves rectify_due and feedback_due by working days of the region calendar', async () => {
    // Rated Monday 16 November: rectification due end of Monday 23rd, feedback end of Tuesday 24th.
    const id = await badOrder('RQ-EXT', '2026-11-16T10:00:00+08:00');
    // 灵武市 takes Wednesday 25 November off (a local holiday): the extension skips it.
    await ta.c.services.calendar.save(system, '640181000000', [{ date: '2026-11-25', kind: 'holiday', name: '灵武测试假日' }], undefined);
    const s = at('2026-11-20T10:00:00+08:00');
    await ta.c.services.workOrders.act(sup, id, 'assign', {});
    const before = (await ta.c.repos.workOrders.find(id))!;
    expect(before.rectify_due).toEqual(new Date('2026-11-24T00:00:00+08:00'));
    const ext = await s.file(unitAdmin, id, 'extension', { reason: '需要更换设备', days: 2 });
    const r = await s.decide(sup, ext.request.id, { outcome: 'approved', reason: '同意延期' });
    // Tuesday 24, (Wednesday 25 off), Thursday 26.
    expect(r.order.rectify_due).toEqual(new Date('2026-11-27T00:00:00+08:00'));
    expect(r.order.feedback_due).toEqual(new Date('2026-11-28T00:00:00+08:00'));
    expect(r.order.state).toBe('assigned');
    // The two days are used up: another day is over the limit, and nothing changes.
    expect(await status(s.file(unitAdmin, id, 'extension', { reason: '仍需时间', days: 1 }))).toBe('EXTENSION_LIMIT_EXCEEDED');
    expect((await ta.c.repos.workOrderRequests.ofOrder(id)).length).toBe(1);
  });

  it('nobody decides their own request; 无法整改 approved closes the order with the explanation', async () => {
    const id = await badOrder('RQ-UNRECT');
    await ta.c.services.workOrders.act(sup, id, 'assign', {});
    const req = await ta.c.services.workOrderRequests.file(sup, id, 'unrectifiable', { reason: '涉及法律法规调整，本单位无权整改' });
    expect(await status(ta.c.services.workOrderRequests.decide(sup, req.request.id, { outcome: 'approved', reason: '自批' }))).toBe('FORBIDDEN');
    const r = await ta.c.services.workOrderRequests.decide(sup2, req.request.id, { outcome: 'approved', reason: '情况属实，向评价人解释说明' });
    expect(r.order.state).toBe('closed_unrectifiable');
    const last = (await ta.c.repos.workOrders.events(id)).at(-1)!;
    expect(last).toMatchObject({ action: 'unrectifiable_approved', text: '情况属实，向评价人解释说明', to_state: 'closed_unrectifiable' });
  });

  it('two supervisors deciding one request at once (two connection pools on PostgreSQL): one wins, the other gets 409 and nothing is applied twice', async () => {
    const id = await badOrder('RQ-RACE');
    await ta.c.services.workOrders.act(sup, id, 'assign', {});
    const ext = await ta.c.services.workOrderRequests.file(unitAdmin, id, 'extension', { reason: '需协调', days: 2 });
    const before = (await ta.c.repos.workOrders.find(id))!;
    const other = createContainer({ db: ta.t.connectAgain(), cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const results = await Promise.all([
      status(ta.c.services.workOrderRequests.decide(sup, ext.request.id, { outcome: 'approved', reason: '同意' })),
      status(other.services.workOrderRequests.decide(sup2, ext.request.id, { outcome: 'rejected', reason: '不同意' })),
    ]);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r !== 'ok')).toEqual([expect.stringMatching(/^(REQUEST_DECIDED|CONFLICT)$/)]);
    const decided = (await ta.c.repos.workOrderRequests.find(ext.request.id))!;
    const after = (await ta.c.repos.workOrders.find(id))!;
    const events = (await ta.c.repos.workOrders.events(id)).filter((e) => e.action.startsWith('extension_') && e.action !== 'extension_requested');
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe(decided.status === 'approved' ? 'extension_approved' : 'extension_rejected');
    // Approved: moved once by two days; rejected: not moved.
    if (decided.status === 'approved') expect(after.version).toBe(before.version + 1);
    else expect(after.rectify_due).toEqual(before.rectify_due);
    const decisions = await ta.c.db.selectFrom('audit_log').select('action').where('action', '=', 'workorder.request.decide').where('target_id', '=', String(id)).execute();
    expect(decisions).toHaveLength(1);
    // And deciding again later is refused the same way.
    expect(await status(ta.c.services.workOrderRequests.decide(sup, ext.request.id, { outcome: 'rejected', reason: '再次决定' }))).toBe('REQUEST_DECIDED');
  });

  it('two filings of one kind at once: one is stored, the other is REQUEST_PENDING', async () => {
    const id = await badOrder('RQ-FILE-RACE');
    const other = createContainer({ db: ta.t.connectAgain(), cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const results = await Promise.all([
      status(ta.c.services.workOrderRequests.file(unitAdmin, id, 'appeal', { reason: '申诉一' })),
      status(other.services.workOrderRequests.file(unitAdmin, id, 'appeal', { reason: '申诉二' })),
    ]);
    expect(results.sort()).toEqual(['REQUEST_PENDING', 'ok']);
    expect(await ta.c.repos.workOrderRequests.ofOrder(id)).toHaveLength(1);
  });
});
