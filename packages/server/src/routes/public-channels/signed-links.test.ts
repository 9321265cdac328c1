import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { aCase, pushCase } from '../../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, system, type TestApp } from '../../../test/test-app.ts';

/** Signs like a service portal would: hex HMAC-SHA256 of "k|c|x|p|ch" under the key's secret. */
function signedLink(apiKey: string, fields: { c: string; x?: number; p?: string; ch?: 'pc' | 'mobile' }) {
  const [k, secret] = apiKey.split('.') as [string, string];
  const x = fields.x ?? Math.floor(Date.now() / 1000) + 3600;
  const ch = fields.ch ?? 'pc';
  const sig = createHmac('sha256', secret).update(`${k}|${fields.c}|${x}|${fields.p ?? ''}|${ch}`).digest('hex');
  return { k, c: fields.c, x, ...(fields.p ? { p: fields.p } : {}), ch, sig };
}

describe('signed links from a service portal', () => {
  let ta: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    await ta.c.services.platforms.create(system, { regionCode: '640181000000', kind: 'web_portal', code: 'NX-ZWFW', name: '宁夏政务服务网' });
  });
  afterAll(() => ta.close());

  const post = (payload: object) => ta.app.inject({ method: 'POST', url: '/api/public/signed-links', payload });
  const reason = (res: { json(): { error: { details?: { reason: string }[] } } }) => res.json().error.details?.[0]?.reason;

  it('opens a real-name session on the link’s channel and platform, once', async () => {
    await completedCase(ta, w, 'SL-1');
    const link = signedLink(w.lwKey, { c: 'SL-1', p: 'NX-ZWFW', ch: 'mobile' });
    const res = await post(link);
    expect(res.statusCode).toBe(201);
    const { token } = res.json();
    const form = (await ta.app.inject(`/api/public/evaluate/${token}`)).json();
    expect(form).toMatchObject({ caseNo: 'SL-1', channel: 'mobile', applicant: '张**', state: 'open' });
    const rated = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 5, idempotencyKey: 'sl-1-rating' } });
    expect(rated.statusCode).toBe(201);
    const row = await ta.c.repos.evaluations.find(rated.json().id);
    const platform = await ta.c.repos.platforms.findByCode('640181000000', 'NX-ZWFW');
    expect(row).toMatchObject({ channel: 'mobile', real_name: true, platform_id: platform!.id });
    expect(row!.source_ref).toMatch(/^signed:hk_/);

    const again = await post(link);
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toMatchObject({ code: 'TOKEN_INVALID', field: 'sig' });
    expect(reason(again)).toBe('used');
    const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'actor_type']).where('action', '=', 'public.signed_link.open').execute();
    expect(audit).toEqual([{ action: 'public.signed_link.open', actor_type: 'anonymous' }]);
  });

  it('refuses forged links: a changed field, another key’s secret, an unknown key, junk', async () => {
    await completedCase(ta, w, 'SL-2');
    const good = signedLink(w.lwKey, { c: 'SL-2' });
    const flipped = good.sig.slice(0, -1) + (good.sig.endsWith('0') ? '1' : '0');
    const attempts = [
      { ...good, sig: flipped },
      { ...good, c: 'SL-1' },
      { ...good, x: good.x + 1 },
      { ...good, ch: 'mobile' },
      { ...good, p: 'NX-ZWFW' },
      { ...good, sig: good.sig.toUpperCase().slice(0, 60) },
      { ...good, sig: 'not-hex' },
      { ...good, k: 'hk_unknown' },
      // Signed with the 兴庆 key's own secret, but naming the 灵武 key id.
      { ...signedLink(w.xqKey, { c: 'SL-2', x: good.x }), k: good.k },
    ];
    for (const a of attempts) {
      const res = await post(a);
      expect(res.statusCode, JSON.stringify(a)).toBe(410);
      expect(reason(res)).toBe('forged');
    }
    // Uppercase hex of the right signature is the same signature.
    expect((await post({ ...good, sig: good.sig.toUpperCase() })).statusCode).toBe(201);
  });

  it('treats a case outside the key’s units like a forgery, and a switched-off key too', async () => {
    const xqCase = await pushCase(ta, w.xqKey, aCase('SL-XQ', { itemCode: 'XQ-ITEM-1', unitCode: 'XQ-SCJ' }));
    expect(xqCase.statusCode).toBe(201);
    expect(reason(await post(signedLink(w.lwKey, { c: 'SL-XQ' })))).toBe('forged');
    expect(reason(await post(signedLink(w.lwKey, { c: 'NO-SUCH-CASE' })))).toBe('forged');

    await completedCase(ta, w, 'SL-3');
    const link = signedLink(w.lwKey, { c: 'SL-3' });
    const integration = (await ta.c.services.integrations.list(system)).find((i) => w.lwKey.startsWith(i.key_id))!;
    await ta.c.services.integrations.update(system, integration.id, { active: false });
    expect(reason(await post(link))).toBe('forged');
    await ta.c.services.integrations.update(system, integration.id, { active: true });
    expect((await post(link)).statusCode).toBe(201);
  });

  it('refuses expired links and links valid further ahead than the policy allows', async () => {
    await completedCase(ta, w, 'SL-4');
    const now = Math.floor(Date.now() / 1000);
    const expired = await post(signedLink(w.lwKey, { c: 'SL-4', x: now - 5 }));
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.field).toBe('x');
    expect(reason(expired)).toBe('expired');
    expect(reason(await post(signedLink(w.lwKey, { c: 'SL-4', x: now + 73 * 3600 })))).toBe('expiry_too_far');
    // A refused link was not used up: the same case opens with a good one.
    expect((await post(signedLink(w.lwKey, { c: 'SL-4', x: now + 71 * 3600 }))).statusCode).toBe(201);
  });

  it('answers bad input with its field, never a 500', async () => {
    const good = signedLink(w.lwKey, { c: 'SL-2' });
    const cases: [object, string][] = [
      [{ ...good, ch: 'sms' }, 'ch'],
      [{ ...good, x: String(good.x) }, 'x'],
      [{ ...good, x: -1 }, 'x'],
      [{ ...good, c: 'x'.repeat(51) }, 'c'],
      [{ ...good, extra: 1 }, 'extra'],
      [{ k: good.k, c: good.c, x: good.x, ch: 'pc' }, 'sig'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    await completedCase(ta, w, 'SL-5');
    const unknownPlatform = await post(signedLink(w.lwKey, { c: 'SL-5', p: 'NO-SUCH' }));
    expect(unknownPlatform.statusCode).toBe(422);
    expect(unknownPlatform.json().error.field).toBe('p');
  });

  it('forgets used signatures once their links have expired', async () => {
    const caseId = (await ta.c.repos.cases.findByCaseNo('SL-1'))!.id;
    const integrationId = (await ta.c.db.selectFrom('integrations').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    await ta.c.db.insertInto('signed_link_uses').values({ sig_hash: 'a'.repeat(64), integration_id: integrationId, case_id: caseId, expires_at: new Date(Date.now() - 1000) }).execute();
    await completedCase(ta, w, 'SL-6');
    expect((await post(signedLink(w.lwKey, { c: 'SL-6' }))).statusCode).toBe(201);
    expect(await ta.c.db.selectFrom('signed_link_uses').select('sig_hash').where('sig_hash', '=', 'a'.repeat(64)).execute()).toEqual([]);
  });

  it('follows the region’s policy for how far ahead a link may expire', async () => {
    const current = await ta.c.services.evaluations.policyFor('640181000000');
    await ta.c.services.evaluationPolicies.save(system, '640181000000', { ...current.policy, signedLinkMaxHours: 1 }, '签名链接最长 1 小时');
    await completedCase(ta, w, 'SL-7');
    const now = Math.floor(Date.now() / 1000);
    expect(reason(await post(signedLink(w.lwKey, { c: 'SL-7', x: now + 2 * 3600 })))).toBe('expiry_too_far');
    expect((await post(signedLink(w.lwKey, { c: 'SL-7', x: now + 1800 }))).statusCode).toBe(201);
  });
});
