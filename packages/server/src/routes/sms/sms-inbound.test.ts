import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, seedCaseWorld, type CaseWorld } from '../../../test/case-fixtures.ts';
import { createInvitationTestApp, jobCtx, recentlyCompleted, tokenIn, WEBHOOK_TOKEN } from '../../../test/invitation-fixtures.ts';
import { loginAs } from '../../../test/test-app.ts';

type App = Awaited<ReturnType<typeof createInvitationTestApp>>;

describe('SMS replies to invitations (短信回复)', () => {
  let ta: App;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createInvitationTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const reply = (payload: Record<string, unknown>, token: string | null = WEBHOOK_TOKEN) =>
    ta.app.inject({ method: 'POST', url: '/api/sms/inbound', payload, headers: token ? { 'x-hcp-webhook-token': token } : {} });
  /** A completed case invited by SMS to this phone, the invitation delivered; its id and the invitation. */
  const invited = async (caseNo: string, phone: string) => {
    const caseId = await recentlyCompleted(ta, w, caseNo, phone);
    await ta.c.services.invitations.invite(jobCtx, new Date());
    await ta.worker.drain();
    const inv = await ta.c.db.selectFrom('evaluation_invitations').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    return { caseId, inv };
  };
  const ratingsOf = (caseId: number) => ta.c.db.selectFrom('evaluations').selectAll().where('case_id', '=', caseId).execute();
  const inbound = () => ta.c.db.selectFrom('sms_inbound').selectAll().orderBy('id').execute();

  it('answers 401 without the webhook token, 400 for a malformed body', async () => {
    expect((await reply({ from: '13900000301', text: '5' }, null)).statusCode).toBe(401);
    expect((await reply({ from: '13900000301', text: '5' }, 'wrong-secret-xyz')).statusCode).toBe(401);
    // The token is checked first: without it, even a malformed body learns nothing.
    expect((await reply({ text: 5 }, null)).statusCode).toBe(401);
    const malformed = [{ text: '5' }, { from: '13900000301' }, { from: '13900000301', text: 5 }, { from: 'abc', text: '5' }, { from: '13900000301', text: '5', extra: 1 }, { from: '13900000301', text: 'x'.repeat(1001) }, { from: '13900000301', text: '5', receivedAt: 'yesterday' }];
    for (const body of malformed) {
      const res = await reply(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await inbound()).toEqual([]);
  });

  it('"4" records a rating on channel sms through the invitation; the provider’s retry stores nothing twice', async () => {
    const { caseId, inv } = await invited('SMS-1', '13900000302');
    const body = { from: '+86 139 0000 0302', text: ' ４ ', providerMessageId: 'up-0001', receivedAt: new Date().toISOString() };
    const first = await reply(body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true, status: 'recorded', replay: false });
    const again = await reply(body);
    expect(again.json()).toEqual({ ok: true, status: 'recorded', replay: true });
    const ratings = await ratingsOf(caseId);
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ level: 4, channel: 'sms', real_name: true, source_ref: `invitation:${inv.id}`, round: 1 });
    const rows = (await inbound()).filter((r) => r.provider_message_id === 'up-0001');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'recorded', invitation_id: inv.id, evaluation_id: ratings[0]!.id, phone_masked: '139****0302' });
    expect(rows[0]!.text_enc).not.toContain('４');
    // The invitation's link is used now.
    const sms = await ta.c.repos.sms.find(inv.sent_message_id!);
    const link = await ta.app.inject(`/api/public/evaluate/${tokenIn(sms!.body)}`);
    expect(link.statusCode).toBe(410);
    expect(link.json().error.details[0].reason).toBe('used');
  });

  it('"2" when the policy wants a reason: no rating, the link by SMS once, kept as needs_reason', async () => {
    const { caseId, inv } = await invited('SMS-2', '13900000303');
    expect((await reply({ from: '13900000303', text: '2', providerMessageId: 'up-0002' })).json()).toMatchObject({ status: 'needs_reason' });
    expect((await reply({ from: '13900000303', text: '2' })).json()).toMatchObject({ status: 'needs_reason', replay: false });
    expect(await ratingsOf(caseId)).toEqual([]);
    const sms = await ta.c.db.selectFrom('sms_messages').selectAll().where('ref', '=', `invitation:${inv.id}`).orderBy('id').execute();
    expect(sms.map((m) => m.purpose)).toEqual(['invitation', 'feedback']);
    expect(tokenIn(sms[1]!.body)).toBe(tokenIn(sms[0]!.body));
    expect(sms[1]!.body).toContain('不满意的原因');
    const rows = (await inbound()).filter((r) => r.invitation_id === inv.id);
    expect(rows.map((r) => [r.status, r.reply_message_id])).toEqual([['needs_reason', sms[1]!.id], ['needs_reason', sms[1]!.id]]);
    // The evaluator can still rate through the link, with a reason.
    const res = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${tokenIn(sms[1]!.body)}`, payload: { level: 2, tags: ['201'] } });
    expect(res.statusCode).toBe(201);
  });

  it('"1" is recorded where the region’s policy asks no reason of a bad rating', async () => {
    const base = (await ta.c.services.evaluations.policyFor('640104000000')).policy;
    await ta.c.db.transaction().execute((trx) => ta.c.repos.evaluations.insertPolicy(trx, '640104000000', { ...base, badRatingNeeds: 'none' }, '兴庆区', null));
    const pushed = await pushCase(ta, w.xqKey, aCase('SMS-3', {
      itemCode: 'XQ-ITEM-1', unitCode: 'XQ-SCJ', channel: 'online',
      applicant: { type: 1, name: '赵六', phone: '13900000304' },
      stages: [{ stage: 'received', at: new Date(Date.now() - 7_200_000).toISOString() }, { stage: 'completed', at: new Date(Date.now() - 3_600_000).toISOString() }],
    }));
    const caseId = pushed.json().id as number;
    await ta.c.services.invitations.invite(jobCtx, new Date());
    expect((await reply({ from: '13900000304', text: '1', providerMessageId: 'up-0003' })).json()).toMatchObject({ status: 'recorded' });
    expect(await ratingsOf(caseId)).toMatchObject([{ level: 1, bad: true, channel: 'sms', tags: [], text: null }]);
  });

  it('"TD" opts out: no more invitations to that phone', async () => {
    await invited('SMS-4', '13900000305');
    expect((await reply({ from: '8613900000305', text: 'td', providerMessageId: 'up-0004' })).json()).toMatchObject({ status: 'opted_out' });
    expect(await ta.c.services.sms.isOptedOut('13900000305')).toBe(true);
    const { inv } = await invited('SMS-5', '13900000305');
    expect(inv.status).toBe('suppressed');
    expect(await ta.c.db.selectFrom('dev_sms_inbox').select('message_id').where('message_id', '=', inv.sent_message_id!).execute()).toEqual([]);
    const audit = await ta.c.db.selectFrom('audit_log').select(['actor_type', 'detail']).where('action', '=', 'sms.opt_out').execute();
    expect(audit).toEqual([{ actor_type: 'anonymous', detail: { phone: '139****0305', source: 'reply' } }]);
  });

  it('a reply from an unknown number, or anything but a rating or TD, is kept and ignored', async () => {
    const { caseId } = await invited('SMS-6', '13900000306');
    expect((await reply({ from: '13999999999', text: '5', providerMessageId: 'up-0005' })).json()).toMatchObject({ status: 'ignored' });
    expect((await reply({ from: '13900000306', text: '5分，很满意', providerMessageId: 'up-0006' })).json()).toMatchObject({ status: 'ignored' });
    expect(await ratingsOf(caseId)).toEqual([]);
    const rows = (await inbound()).filter((r) => ['up-0005', 'up-0006'].includes(r.provider_message_id ?? ''));
    expect(rows.map((r) => [r.status, r.reason])).toEqual([['ignored', 'no open invitation for this phone'], ['ignored', 'not a rating or an opt-out']]);
    expect(ta.c.cipher.decrypt(rows[1]!.text_enc)).toBe('5分，很满意');
  });

  it('the whole chain: case completed → invitation job → SMS delivered → reply "5" → rating, and its delivery visible', async () => {
    const caseId = await recentlyCompleted(ta, w, 'SMS-7', '13900000307');
    await ta.c.repos.jobs.enqueue(ta.c.db, { kind: 'invitations.send', payload: { schedule: 'invitations-send', slot: 'test' } });
    expect(await ta.worker.drain()).toBeGreaterThanOrEqual(2);
    const inv = await ta.c.db.selectFrom('evaluation_invitations').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const delivered = await ta.c.db.selectFrom('dev_sms_inbox').selectAll().where('message_id', '=', inv.sent_message_id!).executeTakeFirstOrThrow();
    expect(delivered.phone_masked).toBe('139****0307');
    const report = await ta.app.inject({ method: 'POST', url: '/api/sms/status', headers: { 'x-hcp-webhook-token': WEBHOOK_TOKEN }, payload: { messageId: `dev-${inv.sent_message_id}`, status: 'delivered' } });
    expect(report.statusCode).toBe(200);

    expect((await reply({ from: '13900000307', text: '5', providerMessageId: 'up-0007' })).json()).toMatchObject({ status: 'recorded' });
    expect(await ratingsOf(caseId)).toMatchObject([{ level: 5, channel: 'sms', kind: 'active' }]);

    const sup = await loginAs(ta, 'chain.sup', 'supervisor', { scopeRegionCode: '640181' });
    const res = await ta.app.inject({ url: `/api/invitations?caseId=${caseId}`, headers: { cookie: sup.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toMatchObject([{ caseNo: 'SMS-7', status: 'invited', invitation: { status: 'delivered', phone: '139****0307' }, reminder: null }]);
    expect(res.body).not.toMatch(/13900000307|\/e\//);
  });
});
