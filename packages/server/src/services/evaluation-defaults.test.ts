import { NATIONAL_DEFAULT_POLICY } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, type CaseWorld } from '../../test/case-fixtures.ts';
import { caseCompletedAt as completedCase, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import { createTestApp, system, type TestApp } from '../../test/test-app.ts';
import { createJobHandlers, schedules } from '../jobs/handlers.ts';
import { systemCtx } from './actor.ts';

const at = (s: string) => new Date(s);

describe('default ratings (默认评价)', () => {
  let ta: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const rowsOf = (caseId: number) => ta.c.db.selectFrom('evaluations').selectAll().where('case_id', '=', caseId).orderBy('round').execute();
  const defaults = (now: string) => ta.c.services.evaluations.recordDefaults(systemCtx('test-defaults'), at(now), 2);

  it('a case completed before National Day 2026 gets its default exactly when 5 working days have passed', async () => {
    // Completed Wed 2026-09-30: Oct 1–7 off; Oct 8, 9, 10 (Saturday 补班), 12, 13 are the five working days.
    const caseId = await completedCase(ta, w, 'DF-ND', '2026-09-30T10:00:00+08:00');
    await defaults('2026-10-09T12:00:00+08:00');
    await defaults('2026-10-13T23:59:59+08:00');
    expect(await rowsOf(caseId)).toEqual([]);
    await defaults('2026-10-14T00:00:00+08:00');
    const rows = await rowsOf(caseId);
    expect(rows).toHaveLength(1);
    const national = await ta.c.services.evaluations.policyFor('000000000000');
    expect(rows[0]).toMatchObject({ kind: 'default', channel: 'default', level: NATIONAL_DEFAULT_POLICY.defaultLevel, bad: false, round: 1, visit_no: 1, policy_id: national.id, real_name: false, evaluator_name_enc: null, entered_by: null, unit_id: w.mz.id, staff_id: w.staffId, hall_id: w.hall.id });
    // Dated when the period ran out, not when the job ran.
    expect(new Date(rows[0]!.submitted_at).toISOString()).toBe('2026-10-13T16:00:00.000Z');
  });

  it('running twice, or twice at the same moment, records one default', async () => {
    const caseId = await completedCase(ta, w, 'DF-TWICE', '2026-10-15T10:00:00+08:00');
    const [a, b] = await Promise.all([defaults('2026-10-30T09:00:00+08:00'), defaults('2026-10-30T09:00:00+08:00')]);
    expect(a.recorded + b.recorded).toBe(1);
    expect((await defaults('2026-10-30T09:00:00+08:00')).recorded).toBe(0);
    expect((await rowsOf(caseId)).map((r) => r.kind)).toEqual(['default']);
  });

  it('two instances with their own connections at once still record one default per case', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await completedCase(ta, w, `DF-MULTI-${i}`, '2026-10-16T10:00:00+08:00'));
    const other = ta.t.connectAgain();
    const { createContainer } = await import('../container.ts');
    const second = createContainer({ db: other, cipher: ta.c.cipher, auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const now = at('2026-11-02T09:00:00+08:00');
    const results = await Promise.all([ta.c.services.evaluations.recordDefaults(system, now, 2), second.services.evaluations.recordDefaults(system, now, 3)]);
    expect(results[0].recorded + results[1].recorded).toBe(5);
    for (const id of ids) expect((await rowsOf(id)).map((r) => r.kind)).toEqual(['default']);
  });

  it('a case rated actively is skipped; a case not yet completed gets none', async () => {
    const rated = await completedCase(ta, w, 'DF-RATED', '2026-10-19T10:00:00+08:00');
    await ta.c.services.evaluations.record(system, { caseId: rated, channel: 'device', level: 5 });
    const open = (await pushCase(ta, w.lwKey, aCase('DF-OPEN', { stages: [{ stage: 'received', at: '2026-10-19T09:00:00+08:00' }] }))).json().id as number;
    await defaults('2026-11-20T09:00:00+08:00');
    expect((await rowsOf(rated)).map((r) => [r.kind, r.level])).toEqual([['active', 5]]);
    expect(await rowsOf(open)).toEqual([]);
  });

  it('honours the defaultLevel and defaultAfterWorkingDays of the policy the region has when the period runs out', async () => {
    const before = await completedCase(ta, w, 'DF-OLD-RULE', '2026-11-02T10:00:00+08:00');
    const caseId = await completedCase(ta, w, 'DF-NEW-RULE', '2026-11-02T10:00:00+08:00');
    const base = (await ta.c.services.evaluations.policyFor('640181000000')).policy;
    const saved = await ta.c.services.evaluationPolicies.save(system, '640181000000', { ...base, defaultAfterWorkingDays: 3, defaultLevel: 4, reminderWorkingDaysBefore: 0 }, '灵武市：3 个工作日后默认满意');
    // Mon 2026-11-02 + 3 working days → the end of Thu 11-05.
    await defaults('2026-11-05T23:59:59+08:00');
    expect(await rowsOf(caseId)).toEqual([]);
    await defaults('2026-11-06T00:00:00+08:00');
    const rows = [...(await rowsOf(before)), ...(await rowsOf(caseId))];
    expect(rows.map((r) => [r.kind, r.level, r.policy_id])).toEqual([['default', 4, saved.id], ['default', 4, saved.id]]);
    // 兴庆区 keeps the national rule.
    expect((await ta.c.services.evaluations.policyFor('640104000000')).policy.defaultAfterWorkingDays).toBe(5);
  });

  it('a case pushed late, completed long before the job has got to, still gets its default', async () => {
    const early = await completedCase(ta, w, 'DF-WM-1', '2026-11-09T10:00:00+08:00');
    await defaults('2026-11-30T09:00:00+08:00');
    expect((await rowsOf(early)).map((r) => r.kind)).toEqual(['default']);
    // The job has settled everything completed before ~11-25; this one arrives now, completed on 11-10.
    const late = await completedCase(ta, w, 'DF-WM-LATE', '2026-11-10T10:00:00+08:00');
    const r = await defaults('2026-11-30T09:05:00+08:00');
    expect(r.recorded).toBe(1);
    // Tue 11-10 + 灵武市's 3 working days (the rule saved above) → the end of Fri 11-13.
    expect((await rowsOf(late)).map((x) => [x.kind, new Date(x.submitted_at).toISOString()])).toEqual([['default', '2026-11-13T16:00:00.000Z']]);
  });

  it('records a batch of cases in batches of any size, one audit record per batch', async () => {
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await completedCase(ta, w, `DF-BATCH-${i}`, '2026-11-12T10:00:00+08:00'));
    const last = await ta.c.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    const r = await ta.c.services.evaluations.recordDefaults(systemCtx('test-defaults'), at('2026-12-15T09:00:00+08:00'), 3);
    expect(r.recorded).toBe(7);
    for (const id of ids) expect((await rowsOf(id)).map((x) => x.kind)).toEqual(['default']);
    const mine = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'evaluation.default').where('seq', '>', Number(last.seq)).orderBy('seq').execute();
    expect(mine.map((a) => (a.detail as { count: number }).count)).toEqual([3, 3, 1]);
    expect((await ta.c.repos.audit.verify()).brokenAt).toBeNull();
  });

  it('only the system records defaults', async () => {
    const user = { actor: { kind: 'user' as const, userId: 1, username: 'x', role: 'sysadmin' as const, scope: { regionCode: null, orgPath: null }, staffId: null }, requestId: 'r' };
    await expect(ta.c.services.evaluations.recordDefaults(user, new Date(), 10)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('runs as the scheduled job evaluations.default every 10 minutes', async () => {
    expect(schedules).toContainEqual({ name: 'evaluations-default', kind: 'evaluations.default', everySeconds: 600 });
    const caseId = await completedCase(ta, w, 'DF-JOB', '2026-10-20T10:00:00+08:00');
    const handler = createJobHandlers(ta.c, { warn: () => undefined }).find((h) => h.kind === 'evaluations.default')!;
    await handler.run({}, { jobId: 1, attempt: 1, maxAttempts: 5 } as never);
    expect((await rowsOf(caseId)).map((r) => r.kind)).toEqual(['default']);
    const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'evaluation.default').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
