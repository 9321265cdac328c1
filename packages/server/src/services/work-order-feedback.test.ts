import type { StaffRole, WorkOrderAction } from '@hcp/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../test/test-app.ts';
import type { AppError } from '../errors.ts';
import type { Ctx } from './actor.ts';
import type { ActInput } from './work-order.service.ts';

/**
 * Feedback (反馈) and revisit (回访) of work orders through the service: the feedback SMS in the step's
 * transaction, the revisit rating through EvaluationService.record superseding the original, review
 * rounds, 误评, public replies; and ratings entered by staff opening their orders.
 */
describe('work order feedback and revisit', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: Ctx;
  let op: Ctx;
  let op2: Ctx;
  let opUserId: number;
  let clerk: Ctx;
  let opCookie: string;

  const ctxOf = (userId: number, role: StaffRole): Ctx => ({ actor: { kind: 'user', userId, username: `u${userId}`, role, scope: { regionCode: '640181000000', orgPath: null }, staffId: null }, requestId: `r${userId}` });
  const errorOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: AppError) => (e.name === 'AppError' ? `${e.status} ${e.code}:${e.field ?? ''}` : e.message));
  const svc = () => ta.c.services.workOrders;

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    sup = ctxOf((await loginAs(ta, 'fb.sup', 'supervisor', { scopeRegionCode: '640181' })).userId, 'supervisor');
    const o = await loginAs(ta, 'fb.op', 'operator', { scopeRegionCode: '640181' });
    opUserId = o.userId;
    opCookie = o.cookie;
    op = ctxOf(o.userId, 'operator');
    op2 = ctxOf((await loginAs(ta, 'fb.op2', 'operator', { scopeRegionCode: '640181' })).userId, 'operator');
    clerk = ctxOf((await loginAs(ta, 'fb.clerk', 'clerk', { scopeOrgId: w.mz.id })).userId, 'clerk');
  });
  afterAll(() => ta.close());

  /** A bad rating of a new case (real-name: the applicant's phone 13812341234 is bound to it) and its order. */
  async function badOrder(caseNo: string, opts: { realName?: boolean } = {}) {
    const caseId = await completedCase(ta, w, caseNo);
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'sms', level: 1, tags: ['101'], realName: opts.realName ?? true });
    const order = (await ta.c.repos.workOrders.findByEvaluation(r.id))!;
    return { caseId, evaluationId: r.id, orderId: order.id };
  }
  async function steps(id: number, actions: WorkOrderAction[], input: ActInput = {}) {
    for (const a of actions) await svc().act(sup, id, a, { text: `${a}：处理说明`, ...input });
  }
  const toFeedback = (id: number) => steps(id, ['assign', 'verify', 'decide_fix_now', 'rectify', 'feedback']);
  const smsOf = (id: number) => ta.c.db.selectFrom('sms_messages').selectAll().where('ref', '=', `work_order:${id}`).orderBy('id').execute();
  const ratingsOf = (caseId: number) => ta.c.db.selectFrom('evaluations').selectAll().where('case_id', '=', caseId).orderBy('round').execute();
  const ordersOfCase = (caseId: number) => ta.c.db.selectFrom('work_orders').select('id').where('case_id', '=', caseId).execute();
  const eventsOf = (id: number) => ta.c.db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', id).orderBy('id').execute();

  it('feedback needs its text; with it, the evaluator’s SMS with a link to their page is queued in the same step', async () => {
    const { orderId } = await badOrder('FB-SMS');
    await steps(orderId, ['assign', 'verify', 'decide_fix_now', 'rectify']);
    expect(await errorOf(svc().act(sup, orderId, 'feedback', {}))).toBe('400 VALIDATION_FAILED:text');
    expect(await errorOf(svc().act(sup, orderId, 'feedback', { text: '  ' }))).toBe('400 VALIDATION_FAILED:text');
    expect((await ta.c.repos.workOrders.find(orderId))!.state).toBe('rectified');
    expect(await smsOf(orderId)).toEqual([]);

    const r = await svc().act(sup, orderId, 'feedback', { text: '已当面致歉，并把材料清单贴在窗口' });
    expect(r.order.state).toBe('feedback_given');
    expect(r.events.at(-1)).toMatchObject({ action: 'feedback', text: '已当面致歉，并把材料清单贴在窗口', actor_user_id: sup.actor.kind === 'user' ? sup.actor.userId : -1 });
    const [sms] = await smsOf(orderId);
    expect(sms).toMatchObject({ purpose: 'rectification', status: 'queued', phone_masked: '138****1234' });
    expect(sms!.body).toMatch(/灵武市民政局.*最低生活保障审批.*http:\/\/localhost:3000\/e\/f\/[A-Za-z0-9_-]{16} /);
    expect(sms!.phone_enc).not.toContain('13812341234');
    const job = await ta.c.db.selectFrom('jobs').select('kind').where('dedupe_key', '=', `sms:${sms!.id}`).executeTakeFirst();
    expect(job).toEqual({ kind: 'sms.send' });
    const links = await ta.c.db.selectFrom('work_order_links').selectAll().where('work_order_id', '=', orderId).execute();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ review_round: 1, sms_message_id: sms!.id });
    // 30 days by the national policy's feedbackLinkValidHours.
    expect(links[0]!.expires_at.getTime() - links[0]!.created_at.getTime()).toBe(30 * 24 * 3_600_000);
    const audit = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'workorder.feedback').where('target_id', '=', String(orderId)).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ smsMessageId: sms!.id, smsSuppressed: false });
    // Whoever reads the outbox does not get the evaluator's link.
    const listed = (await ta.c.services.sms.list(sup, { limit: 100 })).find((m) => m.id === sms!.id)!;
    expect(listed.body).toContain('/e/••••••');
    expect(listed.body).not.toMatch(/\/e\/f\//);
  });

  it('when the SMS cannot be stored, the feedback step is not taken either', async () => {
    const { orderId } = await badOrder('FB-ATOMIC');
    await steps(orderId, ['assign', 'verify', 'decide_explain']);
    await sql`alter table sms_messages add constraint sms_forced_failure check (ref is distinct from ${sql.lit(`work_order:${orderId}`)})`.execute(ta.c.db);
    try {
      expect(await errorOf(svc().act(sup, orderId, 'feedback', { text: '依法不能办理，已解释' }))).toMatch(/sms_forced_failure|check constraint/);
    } finally {
      await sql`alter table sms_messages drop constraint sms_forced_failure`.execute(ta.c.db);
    }
    expect((await ta.c.repos.workOrders.find(orderId))!.state).toBe('decided');
    expect((await eventsOf(orderId)).map((e) => e.action)).toEqual(['open', 'assign', 'verify', 'decide_explain']);
    // An explanation (解释说明) goes to feedback without rectifying.
    expect((await svc().act(sup, orderId, 'feedback', { text: '依法不能办理，已解释' })).order.state).toBe('feedback_given');
  });

  it('an anonymous rating has no phone: feedback is recorded, no SMS; an opted-out phone gets none either', async () => {
    const anon = await badOrder('FB-ANON', { realName: false });
    await toFeedback(anon.orderId);
    expect((await ta.c.repos.workOrders.find(anon.orderId))!.state).toBe('feedback_given');
    expect(await smsOf(anon.orderId)).toEqual([]);

    const out = await badOrder('FB-OPTOUT');
    await ta.c.services.sms.optOut('13812341234', 'test');
    try {
      await toFeedback(out.orderId);
      expect((await smsOf(out.orderId)).map((m) => m.status)).toEqual(['suppressed']);
      expect(await ta.c.db.selectFrom('work_order_links').select('id').where('work_order_id', '=', out.orderId).execute()).toEqual([]);
    } finally {
      await ta.c.db.deleteFrom('sms_optouts').execute();
    }
  });

  it('a satisfied revisit by the operator records the new rating as the latest; the original stays, superseded; the order closes', async () => {
    const { caseId, evaluationId, orderId } = await badOrder('FB-SAT');
    await toFeedback(orderId);
    const r = await svc().act(op, orderId, 'revisit_satisfied', { level: 4, tags: ['401'], text: '回访：已解决，满意' });
    expect(r.order).toMatchObject({ state: 'closed_resolved', revisit_mistaken: false });
    const [original, revisit] = await ratingsOf(caseId);
    expect(original).toMatchObject({ id: evaluationId, round: 1, level: 1, superseded_by: revisit!.id });
    expect(revisit).toMatchObject({ round: 2, kind: 'active', level: 4, bad: false, channel: 'phone', tags: ['401'], text: '回访：已解决，满意', entered_by: opUserId, real_name: true, superseded_by: null, source_ref: `work_order:${orderId}` });
    expect(revisit!.evaluator_phone_enc).not.toBeNull();
    expect(r.order.revisit_evaluation_id).toBe(revisit!.id);
    expect(r.events.at(-1)).toMatchObject({ action: 'revisit_satisfied', evaluation_id: revisit!.id, actor_user_id: opUserId, to_state: 'closed_resolved' });
    expect(await ordersOfCase(caseId)).toHaveLength(1);
    const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'in', ['evaluation.record', 'workorder.revisit_satisfied']).where('request_id', '=', op.requestId).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['evaluation.record', 'workorder.revisit_satisfied']);
  });

  it('a still-bad level is not "satisfied": refused with its field, nothing stored; not satisfied sends it back once, then closes unresolved', async () => {
    const { caseId, orderId } = await badOrder('FB-UNSAT');
    await toFeedback(orderId);
    expect(await errorOf(svc().act(op, orderId, 'revisit_satisfied', { level: 2, tags: ['201'] }))).toBe('400 VALIDATION_FAILED:level');
    expect(await errorOf(svc().act(op, orderId, 'revisit_satisfied', {}))).toBe('400 VALIDATION_FAILED:level');
    expect(await errorOf(svc().act(op, orderId, 'revisit_unsatisfied', {}))).toBe('400 VALIDATION_FAILED:text');
    expect(await errorOf(svc().act(op, orderId, 'revisit_unsatisfied', { text: '仍未解决', level: 3 }))).toBe('400 VALIDATION_FAILED:level');
    expect(await ratingsOf(caseId)).toHaveLength(1);
    expect((await ta.c.repos.workOrders.find(orderId))!.state).toBe('feedback_given');

    const back = await svc().act(op, orderId, 'revisit_unsatisfied', { text: '群众表示材料仍要跑两次' });
    expect(back.order).toMatchObject({ state: 'assigned', review_round: 2 });
    await steps(orderId, ['verify', 'decide_fix_by_deadline', 'rectify', 'feedback']);
    // The second round's feedback is a new SMS with a new link.
    expect((await smsOf(orderId)).length).toBe(2);
    expect((await ta.c.db.selectFrom('work_order_links').select('review_round').where('work_order_id', '=', orderId).orderBy('id').execute()).map((l) => l.review_round)).toEqual([1, 2]);
    const closed = await svc().act(op, orderId, 'revisit_unsatisfied', { text: '仍不满意' });
    expect(closed.order).toMatchObject({ state: 'closed_unresolved', review_round: 2, revisit_evaluation_id: null });
    expect(closed.order.closed_at).not.toBeNull();
    const [original] = await ratingsOf(caseId);
    expect(original!.superseded_by).toBeNull();
    expect((await svc().list(op, { state: 'closed_unresolved', limit: 50, offset: 0 })).map((o) => o.order.id)).toContain(orderId);
  });

  it('the revisit rating is not refused by once-per-case or the follow-up limit: it takes the next round', async () => {
    const { caseId, orderId } = await badOrder('FB-ROUNDS');
    // The evaluator used their one follow-up (追加评价) already.
    await ta.c.services.evaluations.record(system, { caseId, channel: 'sms', level: 3, followUp: true });
    await toFeedback(orderId);
    await svc().act(op, orderId, 'revisit_satisfied', { level: 5 });
    expect((await ratingsOf(caseId)).map((e) => [e.round, e.level])).toEqual([[1, 1], [2, 3], [3, 5]]);
  });

  it('a mistaken rating (误评) is corrected the same way and marked', async () => {
    const { caseId, orderId } = await badOrder('FB-MISTAKE');
    await toFeedback(orderId);
    const r = await svc().act(op, orderId, 'revisit_satisfied', { level: 5, mistaken: true, text: '评价人表示当时点错了' });
    expect(r.order).toMatchObject({ state: 'closed_resolved', revisit_mistaken: true });
    expect((await ratingsOf(caseId)).map((e) => e.level)).toEqual([1, 5]);
    const audit = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'workorder.revisit_satisfied').where('target_id', '=', String(orderId)).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ mistaken: true, evaluationId: r.order.revisit_evaluation_id });
    expect(JSON.stringify(audit.detail)).not.toMatch(/13812341234|张三丰/);
  });

  it('acting twice, skipping a step, or out of role: refused, and no rating is stored', async () => {
    const { caseId, orderId } = await badOrder('FB-TWICE');
    expect(await errorOf(svc().act(op, orderId, 'revisit_satisfied', { level: 5 }))).toBe('409 ILLEGAL_TRANSITION:action');
    await steps(orderId, ['assign', 'verify', 'decide_fix_now']);
    expect(await errorOf(svc().act(sup, orderId, 'feedback', { text: '跳过整改' }))).toBe('409 ILLEGAL_TRANSITION:action');
    await steps(orderId, ['rectify', 'feedback']);
    expect(await errorOf(svc().act(sup, orderId, 'feedback', { text: '再反馈一次' }))).toBe('409 ILLEGAL_TRANSITION:action');
    expect(await errorOf(svc().act(clerk, orderId, 'revisit_satisfied', { level: 5 }))).toBe('403 FORBIDDEN:');
    await svc().act(op, orderId, 'revisit_satisfied', { level: 4 });
    expect(await errorOf(svc().act(op, orderId, 'revisit_satisfied', { level: 4 }))).toBe('409 ILLEGAL_TRANSITION:action');
    expect(await ratingsOf(caseId)).toHaveLength(2);
    expect((await smsOf(orderId)).length).toBe(1);
  });

  it('a retried revisit with its key answers once; two operators at once: one wins, one rating', async () => {
    const a = await badOrder('FB-RETRY');
    await toFeedback(a.orderId);
    await svc().act(op, a.orderId, 'revisit_satisfied', { level: 4, idempotencyKey: 'op-revisit-0001' });
    const again = await svc().act(op, a.orderId, 'revisit_satisfied', { level: 4, idempotencyKey: 'op-revisit-0001' });
    expect(again.order.state).toBe('closed_resolved');
    expect(await ratingsOf(a.caseId)).toHaveLength(2);
    expect(await errorOf(svc().act(op, a.orderId, 'revisit_unsatisfied', { text: 'x', idempotencyKey: 'op-revisit-0001' }))).toBe('409 CONFLICT:idempotencyKey');

    const b = await badOrder('FB-RACE');
    await toFeedback(b.orderId);
    const results = await Promise.all([op, op2].map((ctx, i) => svc().act(ctx, b.orderId, 'revisit_satisfied', { level: 4 + i }).then(() => 'ok', (e: AppError) => e.status)));
    expect(results.sort()).toEqual([409, 'ok']);
    const ratings = await ratingsOf(b.caseId);
    expect(ratings).toHaveLength(2);
    expect(ratings[0]!.superseded_by).toBe(ratings[1]!.id);
    expect((await eventsOf(b.orderId)).filter((e) => e.action.startsWith('revisit'))).toHaveLength(1);
  });

  it('a public reply is published on a closed order only, without personal numbers, and can be withdrawn', async () => {
    const { orderId } = await badOrder('FB-REPLY');
    expect(await errorOf(svc().setPublicReply(sup, orderId, '已整改'))).toBe('409 ILLEGAL_TRANSITION:state');
    await toFeedback(orderId);
    await svc().act(op, orderId, 'revisit_satisfied', { level: 4 });
    expect(await errorOf(svc().setPublicReply(op, orderId, '已整改'))).toBe('403 FORBIDDEN:');
    expect(await errorOf(svc().setPublicReply(sup, orderId, '已联系群众（13812341234）并整改'))).toBe('400 VALIDATION_FAILED:text');
    const r = await svc().setPublicReply(sup, orderId, '窗口已公示材料清单，办理时限压缩为3个工作日。');
    expect(r.order.public_reply).toBe('窗口已公示材料清单，办理时限压缩为3个工作日。');
    expect(r.order.public_reply_at).not.toBeNull();
    expect(r.events.at(-1)).toMatchObject({ action: 'public_reply', from_state: 'closed_resolved', to_state: 'closed_resolved' });
    const listed = await ta.c.services.workOrderPublic.publishedReplies({ regionCode: '640181', limit: 50, offset: 0 });
    const mine = listed.find((x) => x.id === orderId)!;
    expect(mine).toMatchObject({ unitName: '灵武市民政局', itemName: '最低生活保障审批', outcome: 'resolved', revisitLevel: 4, rating: { level: 1, label: { zh: '非常不满意' }, tags: [{ code: '101', zh: '推诿扯皮' }] } });
    expect(mine.rating.ratedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(listed)).not.toMatch(/13812341234|138\*|张|640181199003071234|FB-REPLY|马晓东/);
    expect(await ta.c.services.workOrderPublic.publishedReplies({ regionCode: '640104', limit: 50, offset: 0 })).toEqual([]);
    expect((await ta.c.services.workOrderPublic.publishedReplies({ unitId: w.mz.id, limit: 50, offset: 0 })).map((x) => x.id)).toContain(orderId);

    // A rating excluded by an upheld appeal (误评, 恶意差评) is never published.
    const ev = (await ta.c.repos.workOrders.find(orderId))!.evaluation_id;
    await ta.c.db.updateTable('evaluations').set({ excluded_as: 'malicious', excluded_at: new Date() }).where('id', '=', ev).execute();
    expect((await ta.c.services.workOrderPublic.publishedReplies({ limit: 50, offset: 0 })).map((x) => x.id)).not.toContain(orderId);
    await ta.c.db.updateTable('evaluations').set({ excluded_as: null, excluded_at: null }).where('id', '=', ev).execute();

    const withdrawn = await svc().setPublicReply(sup, orderId, null);
    expect(withdrawn.order).toMatchObject({ public_reply: null, public_reply_at: null });
    expect(withdrawn.events.at(-1)!.action).toBe('public_reply_withdrawn');
    expect((await ta.c.services.workOrderPublic.publishedReplies({ limit: 50, offset: 0 })).map((x) => x.id)).not.toContain(orderId);
  });

  it('complaints entered by staff (paper form, e-mail, 12345 phone) open their orders like every bad rating', async () => {
    const entries = [
      { caseNo: 'FB-PAPER', channel: 'paper', level: 1, tags: ['102'], scanRef: '档案室/2026/11/001' },
      { caseNo: 'FB-EMAIL', channel: 'email', level: 2, text: '邮件投诉：多次跑动' },
      { caseNo: 'FB-WECHAT', channel: 'wechat', level: 2, tags: ['202'] },
    ];
    for (const e of entries) {
      const caseId = await completedCase(ta, w, e.caseNo);
      const res = await ta.app.inject({ method: 'POST', url: '/api/evaluations', headers: { cookie: opCookie }, payload: e });
      expect(res.statusCode, res.body).toBe(201);
      const orders = await ta.c.db.selectFrom('work_orders').selectAll().where('evaluation_id', '=', res.json().id).execute();
      expect(orders, e.channel).toHaveLength(1);
      expect(orders[0]).toMatchObject({ case_id: caseId, unit_id: w.mz.id, staff_id: w.staffId, state: 'opened' });
    }
  });
});
