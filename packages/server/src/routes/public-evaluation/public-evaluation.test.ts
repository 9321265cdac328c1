import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

describe('public evaluation sessions', () => {
  let ta: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const open = async (caseNo: string, expiresInMs = 3_600_000) => {
    const caseId = await completedCase(ta, w, caseNo);
    return ta.c.services.publicEvaluations.open(ta.c.db, { caseId, channel: 'sms', realName: true, expiresAt: new Date(Date.now() + expiresInMs), sourceRef: `test:${caseNo}` });
  };

  it('shows the form of the case’s policy version without the applicant’s identity', async () => {
    const token = await open('PUB-1');
    const res = await ta.app.inject(`/api/public/evaluate/${token}`);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f).toMatchObject({ caseNo: 'PUB-1', itemName: '最低生活保障审批', unitName: '灵武市民政局', windowName: 'A01 综合窗口', state: 'open', mode: 'offline', applicant: '张**' });
    expect(f.policy.levels.map((l: { zh: string }) => l.zh)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(f.policy.content.map((x: { code: string }) => x.code)).toEqual(['overall', 'efficiency', 'quality', 'attitude']);
    expect(JSON.stringify(f)).not.toMatch(/13812341234|640181199003071234|张三丰/);
  });

  it('takes one rating, real-name bound to the applicant; the link is then used', async () => {
    const token = await open('PUB-2');
    const res = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 2, tags: ['202'], text: '跑了两次', idempotencyKey: 'pub-2-try-1' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ round: 1, bad: true });
    const row = await ta.c.repos.evaluations.find(res.json().id);
    expect(row).toMatchObject({ channel: 'sms', real_name: true, source_ref: 'test:PUB-2' });
    expect(row!.evaluator_phone_enc).not.toContain('13812341234');
    const retry = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 2, tags: ['202'], text: '跑了两次', idempotencyKey: 'pub-2-try-1' } });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(res.json().id);
    const again = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 5 } });
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toMatchObject({ code: 'TOKEN_INVALID', details: [{ reason: 'used' }] });
    expect((await ta.app.inject(`/api/public/evaluate/${token}`)).json().error.details[0].reason).toBe('used');
  });

  it('answers forged and expired links clearly, and bad content with its field', async () => {
    const forged = await ta.app.inject('/api/public/evaluate/AAAAAAAAAAAA');
    expect(forged.statusCode).toBe(410);
    expect(forged.json().error.details[0].reason).toBe('unknown');
    const expired = await open('PUB-3', -1000);
    expect((await ta.app.inject(`/api/public/evaluate/${expired}`)).json().error.details[0].reason).toBe('expired');
    const token = await open('PUB-4');
    const noReason = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 1 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('tags');
    const wrongTag = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 5, tags: ['101'] } });
    expect(wrongTag.json().error.field).toBe('tags.0');
    const outOfRange = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 9 } });
    expect(outOfRange.json().error.field).toBe('level');
    expect(await ta.c.db.selectFrom('evaluations').select('id').where('source_ref', '=', 'test:PUB-4').execute()).toEqual([]);
  });

  it('says so when the case was rated through another channel in the meantime', async () => {
    const token = await open('PUB-5');
    const caseId = (await ta.c.repos.cases.findByCaseNo('PUB-5'))!.id;
    await ta.c.services.evaluations.record({ actor: { kind: 'system', name: 't' }, requestId: 't' }, { caseId, channel: 'device', level: 5 });
    expect((await ta.app.inject(`/api/public/evaluate/${token}`)).json().state).toBe('evaluated');
    const res = await ta.app.inject({ method: 'POST', url: `/api/public/evaluate/${token}`, payload: { level: 4 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ALREADY_EVALUATED');
  });
});
