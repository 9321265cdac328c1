import { randomBytes } from 'node:crypto';
import { NATIONAL_DEFAULT_POLICY } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { caseCompletedAt, completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { multipartFile, xlsx } from '../../../test/multipart.ts';
import { createTestApp, loginAs, PASSWORD, system, type TestApp } from '../../../test/test-app.ts';

const PNG = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(300)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
type Answer = { statusCode: number; json(): { error?: { code: string; field?: string } } };

describe('work order attachments, requests and reassignment over HTTP', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: string;
  let sup2: string;
  let unitAdmin: string;
  let gaAdmin: string;
  let operator: string;
  let auditor: string;
  let clerk: string;
  let otherClerk: string;
  let xqSup: string;

  /** A user linked to a staff member (the clerk who is rated), logged in. */
  async function staffLogin(username: string, staffId: number): Promise<string> {
    await ta.c.services.auth.createUser(system, { username, displayName: username, password: PASSWORD, role: 'clerk', scopeOrgId: w.mz.id, staffId });
    const res = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    return `hcp_session=${res.cookies.find((k) => k.name === 'hcp_session')!.value}`;
  }
  async function badOrder(caseNo: string, ratedAt?: string): Promise<number> {
    const caseId = ratedAt ? await caseCompletedAt(ta, w, caseNo, new Date(new Date(ratedAt).getTime() - 3_600_000).toISOString()) : await completedCase(ta, w, caseNo);
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level: 1, tags: ['101'], ...(ratedAt ? { at: new Date(ratedAt) } : {}) });
    return (await ta.c.repos.workOrders.findByEvaluation(r.id))!.id;
  }
  const upload = (cookie: string, id: number, name: string, content: Buffer, field = 'file', contentType = 'application/octet-stream') => {
    const up = multipartFile(name, content, { field, contentType });
    return ta.app.inject({ method: 'POST', url: `/api/work-orders/${id}/attachments`, headers: { cookie, ...up.headers }, payload: up.payload });
  };
  const post = (cookie: string, url: string, payload: object) => ta.app.inject({ method: 'POST', url: `/api${url}`, headers: { cookie }, payload });
  const get = (cookie: string, url: string) => ta.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
  const act = (cookie: string, id: number, action: string, extra: object = {}) => post(cookie, `/work-orders/${id}/actions`, { action, text: `${action} 说明`, ...extra });
  const err = (res: Answer) => `${res.statusCode} ${res.json().error?.code}:${res.json().error?.field ?? ''}`;
  const attachmentsOf = (id: number) => ta.c.db.selectFrom('work_order_attachments').select('id').where('work_order_id', '=', id).execute();

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    sup = (await loginAs(ta, 'rq.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    sup2 = (await loginAs(ta, 'rq.sup2', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    unitAdmin = (await loginAs(ta, 'rq.mz', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
    gaAdmin = (await loginAs(ta, 'rq.ga', 'unit_admin', { scopeOrgId: w.ga.id })).cookie;
    operator = (await loginAs(ta, 'rq.op', 'operator', { scopeRegionCode: '640181' })).cookie;
    auditor = (await loginAs(ta, 'rq.audit', 'auditor', { scopeRegionCode: '640181' })).cookie;
    xqSup = (await loginAs(ta, 'rq.xq', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    clerk = await staffLogin('rq.clerk', w.staffId);
    const other = await ta.t.db.insertInto('staff').values({ org_id: w.mz.id, employee_no: 'E002', name: '李晓梅' }).returning('id').executeTakeFirstOrThrow();
    otherClerk = await staffLogin('rq.clerk2', other.id);
  });
  afterAll(() => ta.close());

  describe('attachments (附件)', () => {
    let id: number;
    beforeAll(async () => {
      id = await badOrder('AT-1');
    });

    it('uploads an image, a PDF and an Excel file, recognised by content; lists and downloads them', async () => {
      const png = PNG();
      const a = await upload(unitAdmin, id, '现场照片.jpg', png, 'file', 'image/jpeg');
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json()).toMatchObject({ workOrderId: id, filename: '现场照片.jpg', contentType: 'image/png', kind: 'image', sizeBytes: png.length });
      expect((await upload(operator, id, 'notice.pdf', PDF)).json()).toMatchObject({ kind: 'pdf', contentType: 'application/pdf' });
      const book = await upload(unitAdmin, id, '../../整改台账.xlsx', await xlsx([['整改事项', '完成'], ['窗口引导', 1]]));
      expect(book.json()).toMatchObject({ kind: 'office', filename: '整改台账.xlsx' });
      // The same file again (a retried upload) is the same attachment.
      const again = await upload(unitAdmin, id, 'photo-again.png', png);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(a.json().id);
      const list = await get(auditor, `/work-orders/${id}/attachments`);
      expect(list.json().items.map((x: { kind: string }) => x.kind)).toEqual(['image', 'pdf', 'office']);
      const dl = await ta.app.inject({ method: 'GET', url: `/api/work-orders/${id}/attachments/${a.json().id}`, headers: { cookie: auditor } });
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(png)).toBe(true);
      expect(dl.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
      expect(dl.headers['content-disposition']).toContain(`filename="attachment-${a.json().id}.png"`);
      const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'detail']).where('target_id', '=', String(id)).where('action', 'like', 'workorder.attachment.%').execute();
      expect(audit.map((x) => x.action)).toEqual(['workorder.attachment.upload', 'workorder.attachment.upload', 'workorder.attachment.upload', 'workorder.attachment.download']);
      expect(JSON.stringify(audit)).not.toContain('现场照片');
    });

    it('a forbidden type (an executable, a plain ZIP, SVG) is 415 whatever its name says, and nothing is stored', async () => {
      const before = (await attachmentsOf(id)).length;
      expect(err(await upload(unitAdmin, id, 'report.pdf', Buffer.concat([Buffer.from('MZ'), randomBytes(200)]), 'file', 'application/pdf'))).toBe('415 UNSUPPORTED_MEDIA_TYPE:file');
      const zip = Buffer.from((await xlsx([['x']])).toString('latin1').replaceAll('[Content_Types].xml', '[Content_Typez].xml'), 'latin1');
      expect(err(await upload(unitAdmin, id, 'data.xlsx', zip))).toBe('415 UNSUPPORTED_MEDIA_TYPE:file');
      expect(err(await upload(unitAdmin, id, 'a.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'file', 'image/svg+xml'))).toBe('415 UNSUPPORTED_MEDIA_TYPE:file');
      expect((await attachmentsOf(id)).length).toBe(before);
    });

    it('too large for the policy is 413 and nothing is stored; a region’s policy sets its own limit and kinds', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(NATIONAL_DEFAULT_POLICY.workOrder.attachmentMaxBytes)]);
      expect(err(await upload(unitAdmin, id, 'big.pdf', big))).toBe('413 PAYLOAD_TOO_LARGE:file');
      const policy = { ...NATIONAL_DEFAULT_POLICY, workOrder: { ...NATIONAL_DEFAULT_POLICY.workOrder, attachmentMaxBytes: 2048, attachmentKinds: ['image', 'pdf'] } };
      const saved = await post(sup, '/evaluation-policies/640181', { policy });
      expect(saved.statusCode, saved.body).toBe(201);
      const strict = await badOrder('AT-STRICT');
      const before = (await attachmentsOf(strict)).length;
      expect(err(await upload(unitAdmin, strict, 'photo.png', Buffer.concat([PNG(), Buffer.alloc(2048)])))).toBe('413 PAYLOAD_TOO_LARGE:file');
      // A legacy Word document, small enough, but Office files are not allowed here.
      const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(300), Buffer.from('WordDocument', 'utf16le')]);
      expect(err(await upload(unitAdmin, strict, 'letter.doc', doc))).toBe('415 UNSUPPORTED_MEDIA_TYPE:file');
      expect((await attachmentsOf(strict)).length).toBe(before);
      expect((await upload(unitAdmin, strict, 'small.png', PNG())).statusCode).toBe(201);
      // The first order keeps the policy version it was opened under.
      expect((await upload(unitAdmin, id, 'book2.xlsx', await xlsx([['y']]))).statusCode).toBe(201);
      // Back to the national rules for the rest of this file.
      await post(sup, '/evaluation-policies/640181', { policy: { ...NATIONAL_DEFAULT_POLICY, textMaxLength: 149 } });
    });

    it('who may attach: not outside the scope, not an auditor, a clerk only to an order about themselves; the field is "file"', async () => {
      expect(err(await upload(xqSup, id, 'x.png', PNG()))).toBe('403 OUT_OF_SCOPE:');
      expect(err(await upload(auditor, id, 'x.png', PNG()))).toBe('403 FORBIDDEN:');
      expect((await upload(clerk, id, 'my-evidence.png', PNG())).statusCode).toBe(201);
      expect(err(await upload(otherClerk, id, 'x.png', PNG()))).toBe('403 FORBIDDEN:');
      // The order is about the clerk, but its rating is younger than clerkSeesRatingsAfterHours.
      expect(err(await get(clerk, `/work-orders/${id}/attachments`))).toBe('404 NOT_FOUND:');
      expect(err(await upload(unitAdmin, id, 'x.png', PNG(), 'scan'))).toBe('400 VALIDATION_FAILED:file');
      expect((await get(unitAdmin, `/work-orders/${id}/attachments/999999`)).statusCode).toBe(404);
    });

    it('a step refers to attachments of its own order; one of another order is 422 and the step is not taken', async () => {
      const mine = (await upload(unitAdmin, id, 'assign.pdf', Buffer.concat([PDF, randomBytes(10)]))).json().id as number;
      const otherOrder = await badOrder('AT-OTHER');
      const foreign = (await upload(unitAdmin, otherOrder, 'other.png', PNG())).json().id as number;
      expect(err(await act(unitAdmin, id, 'assign', { attachmentIds: [mine, foreign] }))).toBe('422 UNKNOWN_REFERENCE:attachmentIds');
      expect((await ta.c.repos.workOrders.find(id))!.state).toBe('opened');
      const ok = await act(unitAdmin, id, 'assign', { attachmentIds: [mine] });
      expect(ok.statusCode, ok.body).toBe(200);
      const detail = ok.json();
      expect(detail.events.at(-1)).toMatchObject({ action: 'assign', attachmentIds: [mine] });
      expect(detail.attachments.map((a: { id: number }) => a.id)).toContain(mine);
      expect(detail.requests).toEqual([]);
    });
  });

  describe('extension (延期)', () => {
    it('asked with reason and days, approved by the supervisor: the deadlines move; the limit, pending twice, deciding twice and scope are refused', async () => {
      const id = await badOrder('EX-1');
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '需协调', days: 1 }))).toBe('409 ILLEGAL_TRANSITION:kind');
      expect((await act(unitAdmin, id, 'assign')).statusCode).toBe(200);
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '需协调', days: 3 }))).toBe('422 EXTENSION_LIMIT_EXCEEDED:days');
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '需协调', days: 0 }))).toMatch(/^400 VALIDATION_FAILED/);
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { days: 1 }))).toMatch(/^400 VALIDATION_FAILED/);
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '  ', days: 1 }))).toBe('400 VALIDATION_FAILED:reason');
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '需协调', days: 1, approve: true }))).toMatch(/^400 VALIDATION_FAILED/);
      expect(err(await post(xqSup, `/work-orders/${id}/extension-requests`, { reason: '越权', days: 1 }))).toBe('403 OUT_OF_SCOPE:');
      expect(await ta.c.repos.workOrderRequests.ofOrder(id)).toEqual([]);

      const filed = await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '需更换叫号设备，等待供货', days: 1 });
      expect(filed.statusCode, filed.body).toBe(201);
      expect(filed.json()).toMatchObject({ kind: 'extension', status: 'pending', days: 1, decisionDue: null });
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '再申请', days: 1 }))).toBe('409 REQUEST_PENDING:kind');

      const before = (await ta.c.repos.workOrders.find(id))!;
      const decide = (cookie: string, payload: object) => post(cookie, `/work-order-requests/${filed.json().id}/decision`, payload);
      expect(err(await decide(unitAdmin, { outcome: 'approved', reason: '同意' }))).toBe('403 FORBIDDEN:');
      expect(err(await decide(xqSup, { outcome: 'approved', reason: '同意' }))).toBe('403 OUT_OF_SCOPE:');
      expect(err(await decide(sup, { outcome: 'approved', reason: '同意', excludedAs: 'mistaken' }))).toBe('400 VALIDATION_FAILED:excludedAs');
      const approved = await decide(sup, { outcome: 'approved', reason: '同意延期一个工作日' });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', decisionReason: '同意延期一个工作日' });
      expect(err(await decide(sup2, { outcome: 'rejected', reason: '不同意' }))).toBe('409 REQUEST_DECIDED:outcome');

      const detail = (await get(unitAdmin, `/work-orders/${id}`)).json();
      const cal = await ta.c.services.calendar.forRegion('640181000000');
      expect(detail.workOrder.deadlines.rectifyDue).toBe(cal.addWorkingDays(new Date(before.rectify_due.getTime() - 1), 1).toISOString());
      expect(detail.workOrder.deadlines.feedbackDue).toBe(cal.addWorkingDays(new Date(before.feedback_due.getTime() - 1), 1).toISOString());
      expect(detail.requests).toEqual([expect.objectContaining({ id: filed.json().id, status: 'approved', reason: '需更换叫号设备，等待供货' })]);
      expect(detail.events.slice(-2).map((e: { action: string }) => e.action)).toEqual(['extension_requested', 'extension_approved']);

      // One day is left of the two.
      expect(err(await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '仍需时间', days: 2 }))).toBe('422 EXTENSION_LIMIT_EXCEEDED:days');
      expect((await post(unitAdmin, `/work-orders/${id}/extension-requests`, { reason: '仍需时间', days: 1 })).statusCode).toBe(201);
      expect((await get(sup, '/work-order-requests?kind=extension&status=pending')).json().items.map((r: { workOrderId: number }) => r.workOrderId)).toEqual([id]);
      expect((await get(xqSup, '/work-order-requests')).json().items).toEqual([]);
      expect(err(await post(sup, '/work-order-requests/999999/decision', { outcome: 'approved', reason: 'x' }))).toBe('404 NOT_FOUND:');
    });
  });

  describe('appeal (复核申诉)', () => {
    it('the staff member rated appeals with evidence; the office upholds it: the rating is marked, the order closes, auditors see why', async () => {
      const id = await badOrder('AP-1');
      const evidence = (await upload(clerk, id, '办件记录.pdf', Buffer.concat([PDF, randomBytes(8)]))).json().id as number;
      expect(err(await post(otherClerk, `/work-orders/${id}/appeals`, { reason: '不是我办的' }))).toBe('403 FORBIDDEN:');
      expect(err(await post(operator, `/work-orders/${id}/appeals`, { reason: '话务员不能申诉' }))).toBe('403 FORBIDDEN:');
      expect(err(await post(clerk, `/work-orders/${id}/appeals`, { reason: '申诉', days: 1 }))).toMatch(/^400 VALIDATION_FAILED/);
      const filed = await post(clerk, `/work-orders/${id}/appeals`, { reason: '评价人当场表示满意，系误操作', attachmentIds: [evidence] });
      expect(filed.statusCode, filed.body).toBe(201);
      expect(filed.json()).toMatchObject({ kind: 'appeal', status: 'pending', attachmentIds: [evidence] });
      expect(filed.json().decisionDue).not.toBeNull();
      expect(err(await post(unitAdmin, `/work-orders/${id}/appeals`, { reason: '单位也申诉' }))).toBe('409 REQUEST_PENDING:kind');

      const decision = `/work-order-requests/${filed.json().id}/decision`;
      expect(err(await post(sup, decision, { outcome: 'approved', reason: '成立' }))).toBe('400 VALIDATION_FAILED:excludedAs');
      expect(err(await post(sup, decision, { outcome: 'approved', reason: '成立', excludedAs: 'careless' }))).toMatch(/^400 VALIDATION_FAILED/);
      const upheld = await post(sup, decision, { outcome: 'approved', reason: '调取录像核实，评价人误操作', excludedAs: 'mistaken' });
      expect(upheld.statusCode, upheld.body).toBe(200);
      expect(upheld.json()).toMatchObject({ status: 'approved', excludedAs: 'mistaken' });
      expect(err(await post(sup2, decision, { outcome: 'rejected', reason: '再决定' }))).toBe('409 REQUEST_DECIDED:outcome');

      const seen = await get(auditor, `/work-orders/${id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().workOrder).toMatchObject({ state: 'closed_appeal_upheld', pendingDeadline: null });
      expect(seen.json().requests[0]).toMatchObject({ kind: 'appeal', status: 'approved', excludedAs: 'mistaken', decisionReason: '调取录像核实，评价人误操作', reason: '评价人当场表示满意，系误操作' });
      const order = (await ta.c.repos.workOrders.find(id))!;
      const rating = await ta.c.db.selectFrom('evaluations').select(['excluded_as', 'excluded_at', 'level']).where('id', '=', order.evaluation_id).executeTakeFirstOrThrow();
      expect(rating).toMatchObject({ excluded_as: 'mistaken', level: 1 });
      expect(rating.excluded_at).not.toBeNull();
      expect(err(await act(unitAdmin, id, 'assign'))).toBe('409 ILLEGAL_TRANSITION:action');
      expect(err(await upload(unitAdmin, id, 'late.png', PNG()))).toBe('409 ILLEGAL_TRANSITION:file');
    });

    it('the unit’s appeal upheld as malicious; a rejected appeal leaves everything as it was', async () => {
      const id = await badOrder('AP-2');
      const filed = await post(unitAdmin, `/work-orders/${id}/appeals`, { reason: '评价人多次恶意差评' });
      const rejected = await post(sup, `/work-order-requests/${filed.json().id}/decision`, { outcome: 'rejected', reason: '证据不足' });
      expect(rejected.json()).toMatchObject({ status: 'rejected', excludedAs: null });
      expect((await ta.c.repos.workOrders.find(id))!.state).toBe('opened');
      const again = await post(unitAdmin, `/work-orders/${id}/appeals`, { reason: '补充证据后再次申诉' });
      const upheld = await post(sup, `/work-order-requests/${again.json().id}/decision`, { outcome: 'approved', reason: '系恶意差评', excludedAs: 'malicious' });
      expect(upheld.statusCode).toBe(200);
      const order = (await ta.c.repos.workOrders.find(id))!;
      expect(order.state).toBe('closed_appeal_upheld');
      expect((await ta.c.repos.evaluations.find(order.evaluation_id))!.excluded_as).toBe('malicious');
    });

    it('after its window (2 working days from receipt) an appeal is 409 APPEAL_WINDOW_CLOSED and nothing is stored', async () => {
      // Received on Friday 13 November 2026: the window closed at the end of Tuesday 17 November.
      const id = await badOrder('AP-LATE', '2026-11-13T15:00:00+08:00');
      const res = await post(unitAdmin, `/work-orders/${id}/appeals`, { reason: '迟到的申诉' });
      expect(err(res)).toBe('409 APPEAL_WINDOW_CLOSED:kind');
      expect(res.json().error.message).toContain('2026-11-17T16:00:00.000Z');
      expect(await ta.c.repos.workOrderRequests.ofOrder(id)).toEqual([]);
      expect((await ta.c.repos.workOrders.events(id)).map((e) => e.action)).toEqual(['open']);
    });
  });

  describe('无法整改 (cannot be rectified)', () => {
    it('rejected, the order continues; filed again and approved, it closes with the explanation', async () => {
      const id = await badOrder('UR-1');
      expect(err(await post(unitAdmin, `/work-orders/${id}/unrectifiable-requests`, { reason: '无法整改' }))).toBe('409 ILLEGAL_TRANSITION:kind');
      await act(unitAdmin, id, 'assign');
      const first = await post(unitAdmin, `/work-orders/${id}/unrectifiable-requests`, { reason: '诉求超出法定范围' });
      expect(first.statusCode).toBe(201);
      expect((await post(sup, `/work-order-requests/${first.json().id}/decision`, { outcome: 'rejected', reason: '可通过解释说明处理' })).statusCode).toBe(200);
      expect((await ta.c.repos.workOrders.find(id))!.state).toBe('assigned');
      const second = await post(unitAdmin, `/work-orders/${id}/unrectifiable-requests`, { reason: '系统由省级部门建设，本单位无权修改' });
      const approved = await post(sup2, `/work-order-requests/${second.json().id}/decision`, { outcome: 'approved', reason: '情况属实，已向评价人解释' });
      expect(approved.statusCode).toBe(200);
      const detail = (await get(unitAdmin, `/work-orders/${id}`)).json();
      expect(detail.workOrder.state).toBe('closed_unrectifiable');
      expect(detail.events.at(-1)).toMatchObject({ action: 'unrectifiable_approved', text: '情况属实，已向评价人解释', toState: 'closed_unrectifiable' });
    });
  });

  describe('retries', () => {
    it('a filing or decision retried with its idempotency key answers the first one; without it, it is refused', async () => {
      const id = await badOrder('ID-1');
      const first = await post(unitAdmin, `/work-orders/${id}/appeals`, { reason: '申诉', idempotencyKey: 'appeal-ID-1-a' });
      const retry = await post(unitAdmin, `/work-orders/${id}/appeals`, { reason: '申诉', idempotencyKey: 'appeal-ID-1-a' });
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.json().id).toBe(first.json().id);
      expect(err(await post(unitAdmin, `/work-orders/${id}/appeals`, { reason: '申诉', idempotencyKey: 'appeal-ID-1-b' }))).toBe('409 REQUEST_PENDING:kind');
      await act(unitAdmin, id, 'assign');
      expect(err(await post(unitAdmin, `/work-orders/${id}/unrectifiable-requests`, { reason: '换了种类', idempotencyKey: 'appeal-ID-1-a' }))).toBe('409 CONFLICT:idempotencyKey');
      expect(await ta.c.repos.workOrderRequests.ofOrder(id)).toHaveLength(1);
      const decision = `/work-order-requests/${first.json().id}/decision`;
      const d1 = await post(sup, decision, { outcome: 'rejected', reason: '驳回', idempotencyKey: 'decide-ID-1' });
      const d2 = await post(sup, decision, { outcome: 'rejected', reason: '驳回', idempotencyKey: 'decide-ID-1' });
      expect([d1.statusCode, d2.statusCode]).toEqual([200, 200]);
      expect(d2.json()).toEqual(d1.json());
      expect(err(await post(sup, decision, { outcome: 'approved', reason: '改判', excludedAs: 'mistaken', idempotencyKey: 'decide-ID-1' }))).toBe('409 CONFLICT:idempotencyKey');
      expect(err(await post(sup, decision, { outcome: 'rejected', reason: '驳回' }))).toBe('409 REQUEST_DECIDED:outcome');
      const audit = await ta.c.db.selectFrom('audit_log').select('action').where('target_id', '=', String(id)).where('action', 'like', 'workorder.request.%').execute();
      expect(audit.map((a) => a.action)).toEqual(['workorder.request.file', 'workorder.request.decide']);
    });
  });

  describe('reassignment (转办)', () => {
    it('to another unit in scope with a reason: the order moves to that unit (and out of the old unit’s sight)', async () => {
      const id = await badOrder('RA-1');
      await act(unitAdmin, id, 'assign');
      expect(err(await post(sup, `/work-orders/${id}/reassign`, { toUnitId: w.ga.id }))).toMatch(/^400 VALIDATION_FAILED/);
      expect(err(await post(sup, `/work-orders/${id}/reassign`, { toUnitId: w.xq.id, reason: '转兴庆区' }))).toBe('403 OUT_OF_SCOPE:');
      expect(err(await post(sup, `/work-orders/${id}/reassign`, { toUnitId: w.hall.id, reason: '转大厅' }))).toBe('422 UNKNOWN_REFERENCE:toUnitId');
      expect(err(await post(sup, `/work-orders/${id}/reassign`, { toUnitId: w.mz.id, reason: '原单位' }))).toBe('400 VALIDATION_FAILED:toUnitId');
      // A unit administrator's scope is their own unit: the 公安局 is outside it.
      expect(err(await post(unitAdmin, `/work-orders/${id}/reassign`, { toUnitId: w.ga.id, reason: '应由公安局办理' }))).toBe('403 OUT_OF_SCOPE:');
      expect(err(await post(operator, `/work-orders/${id}/reassign`, { toUnitId: w.ga.id, reason: '转办' }))).toBe('403 FORBIDDEN:');
      expect((await ta.c.repos.workOrders.find(id))!.unit_id).toBe(w.mz.id);

      const res = await post(sup, `/work-orders/${id}/reassign`, { toUnitId: w.ga.id, reason: '户籍业务由公安局办理' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().workOrder).toMatchObject({ unitId: w.ga.id, state: 'opened', decision: null });
      expect(res.json().events.at(-1)).toMatchObject({ action: 'reassign', text: '户籍业务由公安局办理', fromState: 'assigned', toState: 'opened', detail: { fromUnitId: w.mz.id, toUnitId: w.ga.id } });
      const ga = (await ta.c.repos.orgs.find(w.ga.id))!;
      expect(await ta.c.repos.workOrders.find(id)).toMatchObject({ region_code: ga.region_code, org_path: ga.path });
      expect(err(await get(unitAdmin, `/work-orders/${id}`))).toBe('403 OUT_OF_SCOPE:');
      expect((await get(gaAdmin, `/work-orders/${id}`)).statusCode).toBe(200);
      expect((await act(gaAdmin, id, 'assign')).statusCode).toBe(200);
      const audit = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'workorder.reassign').where('target_id', '=', String(id)).execute();
      expect(audit).toEqual([{ detail: expect.objectContaining({ fromUnitId: w.mz.id, toUnitId: w.ga.id }) }]);
    });

    it('not after rectification', async () => {
      const id = await badOrder('RA-LATE');
      for (const a of ['assign', 'verify', 'decide_fix_now', 'rectify']) expect((await act(unitAdmin, id, a)).statusCode).toBe(200);
      expect(err(await post(sup, `/work-orders/${id}/reassign`, { toUnitId: w.ga.id, reason: '太迟了' }))).toBe('409 ILLEGAL_TRANSITION:toUnitId');
    });
  });
});
