import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, type CaseWorld } from '../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import { createTestApp, system, type TestApp } from '../../test/test-app.ts';
import { AppError } from '../errors.ts';
import { evaluatorCtx } from './actor.ts';

describe('recording evaluations', () => {
  let ta: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: AppError) => `${e.code}${e.field ? `:${e.field}` : ''}`);

  it('rates the item, unit, window, hall and staff member of the case under the policy version in force', async () => {
    const caseId = await completedCase(ta, w, 'EV-1');
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'device', level: 2, tags: ['201'], text: '等了很久', scores: { attitude: 2 } });
    expect(r).toMatchObject({ round: 1, kind: 'active', level: 2, bad: true, policyVersion: 1, caseNo: 'EV-1' });
    const row = await ta.c.repos.evaluations.find(r.id);
    expect(row).toMatchObject({ item_id: w.lwItemVersionId, unit_id: w.mz.id, window_id: w.window.id, hall_id: w.hall.id, staff_id: w.staffId, region_code: '640181000000', tags: ['201'] });
  });

  it('a case is rated once; a second rating through another channel is refused; one follow-up is allowed', async () => {
    const caseId = await completedCase(ta, w, 'EV-2');
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 4, followUp: true }))).toBe('ALREADY_EVALUATED:caseId');
    expect((await ta.c.services.evaluations.record(system, { caseId, channel: 'qr_code', level: 5 })).round).toBe(1);
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 4 }))).toBe('ALREADY_EVALUATED:caseId');
    expect((await ta.c.services.evaluations.record(system, { caseId, channel: 'qr_code', level: 4, followUp: true })).round).toBe(2);
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId, channel: 'qr_code', level: 3, followUp: true }))).toBe('ALREADY_EVALUATED:caseId');
  });

  it('five channels submitting at the same instant: exactly one rating is stored', async () => {
    const caseId = await completedCase(ta, w, 'EV-3');
    const channels = ['device', 'qr_code', 'sms', 'pc', 'mobile'] as const;
    const results = await Promise.all(channels.map((channel) => codeOf(ta.c.services.evaluations.record(system, { caseId, channel, level: 4 }))));
    expect(results.sort()).toEqual(['ALREADY_EVALUATED:caseId', 'ALREADY_EVALUATED:caseId', 'ALREADY_EVALUATED:caseId', 'ALREADY_EVALUATED:caseId', 'ok']);
    const rows = await ta.c.db.selectFrom('evaluations').select('round').where('case_id', '=', caseId).execute();
    expect(rows.map((r) => r.round)).toEqual([1]);
  });

  it('a retried submission with the same idempotency key returns the first result and stores nothing twice', async () => {
    const caseId = await completedCase(ta, w, 'EV-4');
    const input = { caseId, channel: 'mobile' as const, level: 5, idempotencyKey: 'retry-abc-1' };
    const [a, b] = await Promise.all([ta.c.services.evaluations.record(system, input), ta.c.services.evaluations.record(system, input)]);
    expect(b).toEqual(a);
    expect(await ta.c.services.evaluations.record(system, input)).toEqual(a);
    expect(await codeOf(ta.c.services.evaluations.record(system, { ...input, level: 1, text: '差' }))).toBe('CONFLICT:idempotencyKey');
    const rows = await ta.c.db.selectFrom('evaluations').select('id').where('case_id', '=', caseId).execute();
    expect(rows).toHaveLength(1);
  });

  it('only the system may date a rating in the past (ratings carried over from an earlier system)', async () => {
    const caseId = await completedCase(ta, w, 'EV-8');
    const at = new Date('2026-11-04T02:00:00Z');
    expect(await codeOf(ta.c.services.evaluations.record(evaluatorCtx('public', 't'), { caseId, channel: 'pc', level: 5, at }))).toBe('FORBIDDEN:at');
    const r = await ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 5, at });
    expect(r.submittedAt).toEqual(at);
    const before = await completedCase(ta, w, 'EV-9');
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId: before, channel: 'pc', level: 5, at: new Date('2026-11-01T02:00:00Z') }))).toBe('EVALUATION_NOT_OPEN:caseId');
  });

  it('refuses a case not yet completed, and bad content with its field', async () => {
    const open = await pushCase(ta, w.lwKey, aCase('EV-5'));
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId: open.json().id, channel: 'pc', level: 5 }))).toBe('EVALUATION_NOT_OPEN:caseId');
    const caseId = await completedCase(ta, w, 'EV-6');
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 1 }))).toBe('VALIDATION_FAILED:tags');
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 5, tags: ['101'] }))).toBe('VALIDATION_FAILED:tags.0');
    expect(await codeOf(ta.c.services.evaluations.record(system, { caseId, channel: 'pc', level: 7 }))).toBe('VALIDATION_FAILED:level');
    expect(await ta.c.db.selectFrom('evaluations').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
  });

  it('uses the region’s own policy version once it has one, and stores which version each rating used', async () => {
    const first = await completedCase(ta, w, 'EV-7');
    const base = (await ta.c.services.evaluations.policyFor('640181000000')).policy;
    await ta.c.db.transaction().execute((trx) => ta.c.repos.evaluations.insertPolicy(trx, '640181000000', { ...base, badRatingNeeds: 'none' }, '灵武市规则', null));
    const p = await ta.c.services.evaluations.policyFor('640181000000');
    expect(p).toMatchObject({ regionCode: '640181000000', version: 1 });
    const r = await ta.c.services.evaluations.record(system, { caseId: first, channel: 'pc', level: 1 });
    const row = await ta.c.repos.evaluations.find(r.id);
    expect(row!.policy_id).toBe(p.id);
    expect((await ta.c.services.evaluations.policyFor('640104000000')).regionCode).toBe('000000000000');
  });
});
