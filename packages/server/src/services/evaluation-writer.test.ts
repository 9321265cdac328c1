import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedCase, seedCaseWorld } from '../../test/evaluation-fixtures.ts';
import { createTestApp, system, type TestApp } from '../../test/test-app.ts';
import type { CaseWorld } from '../../test/case-fixtures.ts';
import { AppError } from '../errors.ts';
import { evaluatorCtx } from './actor.ts';

/** Group commit (evaluation-writer.ts): concurrent ratings share a transaction, yet each succeeds or fails on its own. */
describe('ratings written together', () => {
  let ta: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
  });
  afterAll(() => ta.close());

  const outcome = (p: Promise<{ id: number }>) => p.then((r) => `ok:${r.id}`, (e: AppError) => `${e.code}${e.field ? `:${e.field}` : ''}`);
  const cases = async (prefix: string, n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(await completedCase(ta, w, `${prefix}-${i}`));
    return ids;
  };

  it('submitted at once, they commit in one transaction, each with its own audit record, and the chain holds', async () => {
    const ids = await cases('GC-A', 12);
    const results = await Promise.all(ids.map((caseId, i) => ta.c.services.evaluations.record(evaluatorCtx('public', `req-${i}`), { caseId, channel: 'mobile', level: i % 6 === 5 ? 1 : 5, tags: i % 6 === 5 ? ['101'] : [], realName: true })));
    const rows = await ta.c.db.selectFrom('evaluations').select(['id', 'case_id', 'created_at', 'bad']).where('case_id', 'in', ids).execute();
    expect(rows).toHaveLength(12);
    // created_at is the transaction's start: one value for the group.
    expect(new Set(rows.map((r) => r.created_at.getTime())).size).toBe(1);
    expect(results.map((r) => r.caseId)).toEqual(ids);
    const audits = await ta.c.db.selectFrom('audit_log').select(['target_id', 'request_id']).where('action', '=', 'evaluation.record').where('target_id', 'in', results.map((r) => String(r.id))).execute();
    expect(audits.map((a) => a.request_id).sort()).toEqual(ids.map((_, i) => `req-${i}`).sort());
    // The two bad ratings opened their work orders in the same transaction.
    const orders = await ta.c.db.selectFrom('work_orders').select('evaluation_id').where('case_id', 'in', ids).execute();
    expect(orders.map((o) => o.evaluation_id).sort()).toEqual(rows.filter((r) => r.bad).map((r) => r.id).sort());
    expect((await ta.c.repos.audit.verify()).brokenAt).toBeNull();
  });

  it('a refused rating, a duplicate and a failing callback fail alone; the rest are stored', async () => {
    const ids = await cases('GC-B', 6);
    const rec = ta.c.services.evaluations;
    const results = await Promise.all([
      outcome(rec.record(system, { caseId: ids[0]!, channel: 'pc', level: 5 })),
      outcome(rec.record(system, { caseId: ids[1]!, channel: 'pc', level: 1 })), // a bad rating without tag or text
      outcome(rec.record(system, { caseId: ids[2]!, channel: 'pc', level: 4 })),
      outcome(rec.record(system, { caseId: ids[2]!, channel: 'qr_code', level: 3 })), // the same case again: waits for the next group
      outcome(rec.record(system, { caseId: ids[3]!, channel: 'pc', level: 5 }, async () => {
        throw new AppError('TOKEN_INVALID', 'this evaluation link has been used already', 'token');
      })),
      outcome(rec.record(system, { caseId: ids[4]!, channel: 'pc', level: 5 }, async (trx, id) => {
        await trx.updateTable('evaluations').set({ source_ref: `checked:${id}` }).where('id', '=', id).execute();
      })),
      outcome(rec.record(system, { caseId: 999_999_999, channel: 'pc', level: 5 })),
    ]);
    expect(results.map((r) => r.replace(/^ok:\d+$/, 'ok'))).toEqual(['ok', 'VALIDATION_FAILED:tags', 'ok', 'ALREADY_EVALUATED:caseId', 'TOKEN_INVALID:token', 'ok', 'NOT_FOUND']);
    const rows = await ta.c.db.selectFrom('evaluations').select(['case_id', 'channel', 'source_ref']).where('case_id', 'in', ids).orderBy('case_id').execute();
    expect(rows.map((r) => r.case_id)).toEqual([ids[0], ids[2], ids[4]]);
    expect(rows.find((r) => r.case_id === ids[2])!.channel).toBe('pc');
    expect(rows.find((r) => r.case_id === ids[4])!.source_ref).toMatch(/^checked:\d+$/);
    expect((await ta.c.repos.audit.verify()).brokenAt).toBeNull();
  });

  it('a failed statement in one callback rolls back nothing but that rating', async () => {
    const ids = await cases('GC-C', 4);
    const rec = ta.c.services.evaluations;
    const results = await Promise.all(ids.map((caseId, i) => outcome(rec.record(system, { caseId, channel: 'pc', level: 5 }, async (trx) => {
      // A statement that fails in the database aborts the shared transaction.
      if (i === 1) await trx.insertInto('evaluation_scans').values({ evaluation_id: -1, content_type: 'image/png', bytes: Buffer.alloc(1), sha256: 'x', uploaded_by: null }).execute();
    }))));
    expect(results.map((r) => r.startsWith('ok:'))).toEqual([true, false, true, true]);
    const rows = await ta.c.db.selectFrom('evaluations').select('case_id').where('case_id', 'in', ids).orderBy('case_id').execute();
    expect(rows.map((r) => r.case_id)).toEqual([ids[0], ids[2], ids[3]]);
  });

  it('retries with one idempotency key in one burst store one rating and all get its answer', async () => {
    const [caseId] = await cases('GC-D', 1);
    const input = { caseId: caseId!, channel: 'mobile' as const, level: 4, idempotencyKey: 'burst-key-1' };
    const results = await Promise.all(Array.from({ length: 5 }, () => ta.c.services.evaluations.record(system, input)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await ta.c.db.selectFrom('evaluations').select('id').where('case_id', '=', caseId!).execute()).toHaveLength(1);
  });
});
