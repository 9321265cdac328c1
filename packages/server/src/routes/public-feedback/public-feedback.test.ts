import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

/**
 * Over HTTP: feedback in a work order's step, the evaluator's page behind the SMS link, the online
 * revisit (not satisfied → review round; satisfied → new rating, order closed), public replies.
 */
describe('the evaluator’s feedback page and the online revisit', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let unitAdmin: string;
  let operator: string;
  let supervisor: string;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    unitAdmin = (await loginAs(ta, 'pf.ua', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
    operator = (await loginAs(ta, 'pf.op', 'operator', { scopeRegionCode: '640181' })).cookie;
    supervisor = (await loginAs(ta, 'pf.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
  });
  afterAll(() => ta.close());

  const act = (cookie: string, id: number, body: Record<string, unknown>) => ta.app.inject({ method: 'POST', url: `/api/work-orders/${id}/actions`, headers: { cookie }, payload: body });
  async function handle(id: number, feedback: string) {
    for (const action of ['verify', 'decide_fix_now', 'rectify']) expect((await act(unitAdmin, id, { action, text: `${action} 说明` })).statusCode).toBe(200);
    const res = await act(unitAdmin, id, { action: 'feedback', text: feedback });
    expect(res.statusCode, res.body).toBe(200);
  }
  /** The token of the newest feedback SMS of an order, read from the outbox row as the gateway would send it. */
  async function linkToken(id: number) {
    const m = await ta.c.db.selectFrom('sms_messages').select('body').where('ref', '=', `work_order:${id}`).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return /\/e\/f\/([A-Za-z0-9_-]+)/.exec(m.body)![1]!;
  }
  async function orderAtFeedback(caseNo: string) {
    const caseId = await completedCase(ta, w, caseNo);
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'sms', level: 2, tags: ['202'], text: '我叫张三丰，电话13812341234', realName: true });
    const id = (await ta.c.repos.workOrders.findByEvaluation(r.id))!.id;
    expect((await act(unitAdmin, id, { action: 'assign', text: '分派给马晓东' })).statusCode).toBe(200);
    await handle(id, '已联系您核实，材料清单已在窗口公示');
    return { caseId, id, evaluationId: r.id };
  }
  const page = (token: string) => ta.app.inject(`/api/public/feedback/${token}`);
  const revisit = (token: string, body: Record<string, unknown>) => ta.app.inject({ method: 'POST', url: `/api/public/feedback/${token}/revisit`, payload: body });

  it('the page shows the feedback and the progress, never a name, phone, case number or who acted', async () => {
    const { id } = await orderAtFeedback('PF-PAGE');
    const res = await page(await linkToken(id));
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      itemName: '最低生活保障审批',
      unitName: '灵武市民政局',
      rating: { level: 2, label: { zh: '不满意' }, tags: [{ code: '202', zh: '多次跑动' }] },
      stage: 'awaiting_revisit',
      decision: 'fix_now',
      reviewRound: 1,
      maxReviews: 1,
      revisitOpen: true,
      latest: null,
    });
    expect(p.steps.map((s: { step: string }) => s.step)).toEqual(['open', 'assign', 'verify', 'decide_fix_now', 'rectify', 'feedback']);
    expect(p.steps.at(-1)).toMatchObject({ text: '已联系您核实，材料清单已在窗口公示', byEvaluator: false });
    // Only feedback texts reach the page; the unit's internal notes do not.
    expect(p.steps.filter((s: { text: string | null }) => s.text !== null)).toHaveLength(1);
    expect(p.form.levels.filter((l: { bad: boolean }) => l.bad).map((l: { level: number }) => l.level)).toEqual([2, 1]);
    expect(p.form.tags.every((t: { level: number }) => t.level >= 3)).toBe(true);
    expect(JSON.stringify(p)).not.toMatch(/13812341234|138\*|张|640181199003071234|PF-PAGE|马晓东|actorUserId|分派给/);
  });

  it('unknown and expired links are 410 with their reason; unknown fields 400', async () => {
    expect((await page('AAAAAAAAAAAAAAAA')).json().error).toMatchObject({ code: 'TOKEN_INVALID', details: [{ reason: 'unknown' }] });
    const { id } = await orderAtFeedback('PF-EXPIRED');
    const token = await linkToken(id);
    expect((await revisit(token, { satisfied: true, level: 5, extra: 1 })).statusCode).toBe(400);
    await ta.c.db.updateTable('work_order_links').set({ expires_at: new Date(Date.now() - 1000) }).where('work_order_id', '=', id).execute();
    const expired = await page(token);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.details[0].reason).toBe('expired');
    expect((await revisit(token, { satisfied: true, level: 5 })).statusCode).toBe(410);
    expect((await ta.c.repos.workOrders.find(id))!.state).toBe('feedback_given');
  });

  it('not satisfied online: the reason is required; the order goes back to the unit for its one review round', async () => {
    const { id, caseId } = await orderAtFeedback('PF-ONLINE');
    const token = await linkToken(id);
    const noReason = await revisit(token, { satisfied: false });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('text');
    const tooLong = await revisit(token, { satisfied: false, text: '长'.repeat(151) });
    expect(tooLong.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'text' });
    const back = await revisit(token, { satisfied: false, text: '还是要跑两次', idempotencyKey: 'online-no-0001' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ stage: 'handling', reviewRound: 2, revisitOpen: false });
    expect(back.json().steps.at(-1)).toMatchObject({ step: 'revisit_unsatisfied', byEvaluator: true, text: null });
    // A retry after a lost answer changes nothing more.
    expect((await revisit(token, { satisfied: false, text: '还是要跑两次', idempotencyKey: 'online-no-0001' })).json().reviewRound).toBe(2);
    // Answering again before new feedback is refused.
    expect((await revisit(token, { satisfied: true, level: 5 })).json().error.code).toBe('ILLEGAL_TRANSITION');
    const detail = (await ta.app.inject({ method: 'GET', url: `/api/work-orders/${id}`, headers: { cookie: supervisor } })).json();
    expect(detail.workOrder).toMatchObject({ state: 'assigned', reviewRound: 2 });
    expect(detail.events.at(-1)).toMatchObject({ action: 'revisit_unsatisfied', actorKind: 'evaluator', actorUserId: null, text: '还是要跑两次' });

    // Round 2: new feedback, a new link; now satisfied online, with a still-bad level first.
    await handle(id, '第二次整改：改为一次告知，已为您办结');
    const token2 = await linkToken(id);
    expect(token2).not.toBe(token);
    const stillBad = await revisit(token2, { satisfied: true, level: 2, tags: ['202'] });
    expect(stillBad.statusCode).toBe(400);
    expect(stillBad.json().error.field).toBe('level');
    const done = await revisit(token2, { satisfied: true, level: 5, tags: ['501'], text: '这次很快', idempotencyKey: 'online-yes-0001' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ stage: 'resolved', revisitOpen: false, latest: { level: 5, label: { zh: '非常满意' }, mistaken: false } });
    const retry = await revisit(token2, { satisfied: true, level: 5, tags: ['501'], text: '这次很快', idempotencyKey: 'online-yes-0001' });
    expect(retry.statusCode).toBe(200);
    const ratings = await ta.c.db.selectFrom('evaluations').select(['id', 'round', 'level', 'channel', 'superseded_by', 'real_name', 'entered_by']).where('case_id', '=', caseId).orderBy('round').execute();
    expect(ratings).toHaveLength(2);
    expect(ratings[1]).toMatchObject({ round: 2, level: 5, channel: 'sms', superseded_by: null, real_name: true, entered_by: null });
    expect(ratings[0]!.superseded_by).toBe(ratings[1]!.id);
    // The old link still shows the outcome.
    expect((await page(token)).json().stage).toBe('resolved');
  });

  it('an operator records a satisfied revisit by phone with the new level; the staff view shows the new rating', async () => {
    const { id } = await orderAtFeedback('PF-PHONE');
    const bad = await act(operator, id, { action: 'revisit_satisfied', text: '电话回访' });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'level' });
    const res = await act(operator, id, { action: 'revisit_satisfied', level: 4, mistaken: true, text: '评价人说当时选错了' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().workOrder).toMatchObject({ state: 'closed_resolved', revisitMistaken: true });
    expect(res.json().workOrder.revisitEvaluationId).toEqual(expect.any(Number));
    expect(res.json().events.at(-1)).toMatchObject({ action: 'revisit_satisfied', actorKind: 'user', evaluationId: res.json().workOrder.revisitEvaluationId });
    expect((await ta.c.repos.evaluations.find(res.json().workOrder.revisitEvaluationId))).toMatchObject({ channel: 'phone', level: 4 });
    // The evaluator's link now shows the result.
    expect((await page(await linkToken(id))).json()).toMatchObject({ stage: 'resolved', latest: { level: 4, mistaken: true } });
  });

  it('public replies: set on a closed order by the unit, listed with the masked rating, no login', async () => {
    const { id } = await orderAtFeedback('PF-REPLY');
    const reply = (cookie: string, body: unknown) => ta.app.inject({ method: 'PUT', url: `/api/work-orders/${id}/public-reply`, headers: { cookie }, payload: body as object });
    expect((await reply(unitAdmin, { text: '已整改' })).json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'state' });
    await act(operator, id, { action: 'revisit_satisfied', level: 4 });
    expect((await reply(operator, { text: '已整改' })).statusCode).toBe(403);
    expect((await reply(unitAdmin, { text: '身份证640181199003071234' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'text' });
    expect((await reply(unitAdmin, { reply: 'x' })).statusCode).toBe(400);
    const ok = await reply(unitAdmin, { text: '材料清单已在窗口和网上公示，一次告知到位。' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().workOrder).toMatchObject({ publicReply: '材料清单已在窗口和网上公示，一次告知到位。' });
    const list = await ta.app.inject('/api/public/replies?regionCode=640181');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((x: { id: number }) => x.id === id);
    expect(item).toMatchObject({ unitName: '灵武市民政局', itemName: '最低生活保障审批', outcome: 'resolved', revisitLevel: 4, reply: '材料清单已在窗口和网上公示，一次告知到位。', rating: { level: 2, tags: [{ code: '202' }] } });
    expect(Object.keys(item.rating).sort()).toEqual(['label', 'level', 'ratedOn', 'tags']);
    expect(list.body).not.toMatch(/13812341234|138\*|张|640181199003071234|PF-REPLY|马晓东|我叫/);
    expect((await ta.app.inject('/api/public/replies?regionCode=640104')).json().items).toEqual([]);
    expect((await ta.app.inject('/api/public/replies?regionCode=64x')).statusCode).toBe(400);
    expect((await ta.app.inject(`/api/public/replies?unitId=${w.mz.id}&limit=1`)).json().items).toHaveLength(1);
    const withdrawn = await reply(unitAdmin, { text: null });
    expect(withdrawn.json().workOrder.publicReply).toBeNull();
    expect((await ta.app.inject('/api/public/replies')).json().items.map((x: { id: number }) => x.id)).not.toContain(id);
  });
});
