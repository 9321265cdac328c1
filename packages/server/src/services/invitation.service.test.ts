import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, seedCaseWorld, type CaseWorld } from '../../test/case-fixtures.ts';
import { at, caseCompletedAt, createInvitationTestApp, jobCtx, PUBLIC_URL, recentlyCompleted, tokenIn } from '../../test/invitation-fixtures.ts';
import { system } from '../../test/test-app.ts';

type App = Awaited<ReturnType<typeof createInvitationTestApp>>;

const invitationOf = (ta: App, caseId: number) => ta.c.db.selectFrom('evaluation_invitations').selectAll().where('case_id', '=', caseId).execute();
const messagesOf = (ta: App, invitationId: number) =>
  ta.c.db.selectFrom('sms_messages').selectAll().where('ref', '=', `invitation:${invitationId}`).orderBy('id').execute();

describe('the invitation job (邀请评价)', () => {
  let ta: App;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createInvitationTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const invite = (now = new Date(), batchSize = 500) => ta.c.services.invitations.invite(jobCtx, now, batchSize);

  it('invites each completed case once, with runs at the same time on two instances and runs repeated', async () => {
    const ids = [await recentlyCompleted(ta, w, 'INV-1', '13900000101'), await recentlyCompleted(ta, w, 'INV-2', '13900000102'), await recentlyCompleted(ta, w, 'INV-3', '13900000103')];
    const other = ta.anotherInstance();
    const runs = await Promise.all([invite(new Date(), 1), other.services.invitations.invite(jobCtx, new Date(), 2), invite()]);
    expect(runs.reduce((n, r) => n + r.invited, 0)).toBe(3);
    await invite();
    await invite();
    for (const caseId of ids) {
      const rows = await invitationOf(ta, caseId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'invited', reminded_at: null });
      const sms = await messagesOf(ta, rows[0]!.id);
      expect(sms).toHaveLength(1);
      expect(sms[0]).toMatchObject({ purpose: 'invitation', status: 'queued' });
      expect(sms[0]!.body).toContain(`${PUBLIC_URL}/e/`);
      expect(sms[0]!.body).toContain('回复1-5直接评价：5非常满意 4满意 3基本满意 2不满意 1非常不满意；回复TD退订');
      expect(sms[0]!.body).toContain('最低生活保障审批');
    }
    const session = await ta.c.db.selectFrom('evaluation_sessions').selectAll().where('case_id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ channel: 'sms', real_name: true, source_ref: `invitation:${(await invitationOf(ta, ids[0]!))[0]!.id}`, evaluation_id: null });
    // Only the hash of the link's token is stored, nowhere the token itself.
    expect(session.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'invitation.send').execute();
    expect(audit.flatMap((a) => (a.detail as { caseIds: number[] }).caseIds).sort()).toEqual([...ids].sort());
  });

  it('does not invite before evaluation opens; does once the case is completed', async () => {
    const pushed = await pushCase(ta, w.lwKey, aCase('INV-4', { applicant: { type: 1, name: '李四', phone: '13900000104' }, stages: [{ stage: 'received', at: new Date(Date.now() - 7_200_000).toISOString() }] }));
    const caseId = pushed.json().id as number;
    await invite();
    expect(await invitationOf(ta, caseId)).toEqual([]);
    const completed = await ta.app.inject({ method: 'POST', url: '/api/integration/cases/INV-4/stages', headers: { authorization: `Bearer ${w.lwKey}` }, payload: { stage: 'completed', at: new Date(Date.now() - 60_000).toISOString() } });
    expect(completed.statusCode).toBe(201);
    await invite();
    expect(await invitationOf(ta, caseId)).toHaveLength(1);
  });

  it('does not invite a case already rated, one without a phone, or one whose evaluation period is over', async () => {
    const rated = await recentlyCompleted(ta, w, 'INV-5', '13900000105');
    await ta.c.services.evaluations.record(system, { caseId: rated, channel: 'device', level: 5 });
    const noPhone = (await pushCase(ta, w.lwKey, aCase('INV-6', { applicant: { type: 1, name: '王五' }, stages: [{ stage: 'received', at: '2026-11-02T09:00:00+08:00' }, { stage: 'completed', at: new Date(Date.now() - 60_000).toISOString() }] }))).json().id as number;
    const late = await caseCompletedAt(ta, w, 'INV-7', new Date(Date.now() - 30 * 86_400_000), '13900000107');
    const r = await invite();
    expect(r.invited).toBe(0);
    for (const id of [rated, noPhone, late]) expect(await invitationOf(ta, id)).toEqual([]);
  });

  it('an opted-out phone gets an invitation recorded as suppressed, and no SMS', async () => {
    await ta.c.services.sms.optOut('13900000108', 'reply');
    const caseId = await recentlyCompleted(ta, w, 'INV-8', '13900000108');
    expect(await invite()).toMatchObject({ invited: 0, suppressed: 1 });
    const [inv] = await invitationOf(ta, caseId);
    expect(inv).toMatchObject({ status: 'suppressed', remind_at: null });
    expect((await messagesOf(ta, inv!.id)).map((m) => m.status)).toEqual(['suppressed']);
    await ta.worker.drain();
    const inbox = await ta.c.db.selectFrom('dev_sms_inbox').select('message_id').where('message_id', '=', inv!.sent_message_id!).execute();
    expect(inbox).toEqual([]);
  });

  it('the link in the delivered SMS opens the evaluation form of the case', async () => {
    const caseId = await recentlyCompleted(ta, w, 'INV-9', '13900000109');
    await invite();
    await ta.worker.drain();
    const [inv] = await invitationOf(ta, caseId);
    const delivered = await ta.c.db.selectFrom('dev_sms_inbox').selectAll().where('message_id', '=', inv!.sent_message_id!).executeTakeFirstOrThrow();
    expect(delivered.phone_masked).toBe('139****0109');
    const form = await ta.app.inject(`/api/public/evaluate/${tokenIn(delivered.body)}`);
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ caseNo: 'INV-9', channel: 'sms', state: 'open', itemName: '最低生活保障审批' });
  });

  it('uses the region’s own invitation text', async () => {
    const base = (await ta.c.services.evaluations.policyFor('640181000000')).policy;
    await ta.c.db.transaction().execute((trx) =>
      ta.c.repos.evaluations.insertPolicy(trx, '640181000000', { ...base, smsTemplates: { ...base.smsTemplates, invitation: '【灵武好差评】请评价{item}：{link} 截止{deadline}' } }, '灵武短信', null),
    );
    const caseId = await caseCompletedAt(ta, w, 'INV-10', at('2026-11-16T02:00:00Z'), '13900000110');
    await invite(at('2026-11-16T03:00:00Z'));
    const [inv] = await invitationOf(ta, caseId);
    const [sms] = await messagesOf(ta, inv!.id);
    expect(sms!.body).toMatch(/^【灵武好差评】请评价最低生活保障审批：https:\/\/hcp\.example\.gov\.cn\/e\/[A-Za-z0-9_-]{12} 截止11月23日24时$/);
  });
});

describe('the reminder (提醒) before the default rating', () => {
  let ta: App;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createInvitationTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const invite = (now: Date) => ta.c.services.invitations.invite(jobCtx, now);
  const remind = (now: Date) => ta.c.services.invitations.remind(jobCtx, now);
  const reminded = async (now: Date) => (await remind(now)).reminded;

  it('over National Day 2026: once, at 09:00 on the Saturday make-up working day, and not for a case rated meanwhile', async () => {
    // Completed Tue 29 Sep; working days after it: 30 Sep, 8 Oct, 9 Oct, 10 Oct (Saturday, make-up day), 12 Oct.
    const open = await caseCompletedAt(ta, w, 'REM-1', at('2026-09-29T10:00:00+08:00'), '13900000201');
    const rated = await caseCompletedAt(ta, w, 'REM-2', at('2026-09-29T10:00:00+08:00'), '13900000202');
    expect((await invite(at('2026-09-29T14:00:00+08:00'))).invited).toBe(2);
    const [inv] = await invitationOf(ta, open);
    expect(inv!.remind_at).toEqual(at('2026-10-10T09:00:00+08:00'));
    await ta.c.services.evaluations.record(system, { caseId: rated, channel: 'device', level: 4 });

    expect(await reminded(at('2026-10-01T09:00:00+08:00'))).toBe(0);
    expect(await reminded(at('2026-10-09T23:59:59+08:00'))).toBe(0);
    expect(await reminded(at('2026-10-10T08:59:59+08:00'))).toBe(0);
    const both = await Promise.all([remind(at('2026-10-10T09:00:00+08:00')), ta.anotherInstance().services.invitations.remind(jobCtx, at('2026-10-10T09:00:00+08:00'))]);
    expect(both[0].reminded + both[1].reminded).toBe(1);
    expect(await reminded(at('2026-10-10T10:00:00+08:00'))).toBe(0);
    expect(await reminded(at('2026-10-12T09:00:00+08:00'))).toBe(0);

    const sms = await messagesOf(ta, inv!.id);
    expect(sms.map((m) => m.purpose)).toEqual(['invitation', 'reminder']);
    expect(tokenIn(sms[1]!.body)).toBe(tokenIn(sms[0]!.body));
    expect(sms[1]!.body).toContain('10月12日24时');
    expect((await invitationOf(ta, open))[0]).toMatchObject({ reminded_at: at('2026-10-10T09:00:00+08:00'), reminder_message_id: sms[1]!.id });
    // The rated case got no reminder, and left the reminder index: no later run reads it again.
    const [ratedInv] = await invitationOf(ta, rated);
    expect(ratedInv).toMatchObject({ remind_at: null, reminded_at: null, reminder_message_id: null });
    expect((await messagesOf(ta, ratedInv!.id)).map((m) => m.purpose)).toEqual(['invitation']);
  });

  it('over an ordinary weekend, and moved by a holiday declared after the invitation was sent', async () => {
    // Completed Mon 16 Nov: reminded Fri 20 Nov 09:00 — until 20 Nov becomes a holiday, then Mon 23 Nov.
    const caseId = await caseCompletedAt(ta, w, 'REM-3', at('2026-11-16T10:00:00+08:00'), '13900000203');
    await invite(at('2026-11-16T11:00:00+08:00'));
    const [inv] = await invitationOf(ta, caseId);
    expect(inv!.remind_at).toEqual(at('2026-11-20T09:00:00+08:00'));
    expect(await reminded(at('2026-11-19T12:00:00+08:00'))).toBe(0);
    await ta.c.services.calendar.save(system, '640181000000', [{ date: '2026-11-20', kind: 'holiday', name: '临时调休' }], undefined);
    expect(await reminded(at('2026-11-20T09:00:00+08:00'))).toBe(0);
    expect((await invitationOf(ta, caseId))[0]!.remind_at).toEqual(at('2026-11-23T09:00:00+08:00'));
    expect(await reminded(at('2026-11-23T09:00:00+08:00'))).toBe(1);
    expect(await reminded(at('2026-11-24T09:00:00+08:00'))).toBe(0);
  });

  it('when the invitation’s text is gone from the outbox, the reminder carries a new link to the same case', async () => {
    const caseId = await caseCompletedAt(ta, w, 'REM-5', at('2026-11-16T10:00:00+08:00'), '13900000205');
    await invite(at('2026-11-16T11:00:00+08:00'));
    const [inv] = await invitationOf(ta, caseId);
    await ta.c.db.updateTable('sms_messages').set({ body: '（已按保存期限清理）' }).where('id', '=', inv!.sent_message_id!).execute();
    expect(await reminded(inv!.remind_at!)).toBe(1);
    const [, reminder] = await messagesOf(ta, inv!.id);
    const tokenHash = createHash('sha256').update(tokenIn(reminder!.body)).digest('hex');
    const session = await ta.c.db.selectFrom('evaluation_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ case_id: caseId, channel: 'sms', real_name: true, source_ref: `invitation:${inv!.id}`, expires_at: inv!.expires_at });
  });

  it('no reminder once the link has expired', async () => {
    const caseId = await caseCompletedAt(ta, w, 'REM-4', at('2026-11-16T10:00:00+08:00'), '13900000204');
    await invite(at('2026-11-16T11:00:00+08:00'));
    const [inv] = await invitationOf(ta, caseId);
    await ta.c.db.updateTable('evaluation_invitations').set({ expires_at: at('2026-11-19T00:00:00+08:00') }).where('id', '=', inv!.id).execute();
    expect(await reminded(at('2026-11-23T09:00:00+08:00'))).toBe(0);
    expect((await invitationOf(ta, caseId))[0]!.remind_at).toBeNull();
  });
});
