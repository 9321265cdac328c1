import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRepository } from '../repositories/job.repository.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import type { JobHandler } from './job-types.ts';
import { Scheduler, Worker } from './worker.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('jobs and schedules across several instances', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('runs each job exactly once when two workers on separate connections drain together', async () => {
    const a = new JobRepository(t.db);
    const b = new JobRepository(t.connectAgain());
    for (let i = 0; i < 120; i++) await a.enqueue(t.db, { kind: 'sessions.cleanup', payload: { slot: String(i) } });
    const runs: string[] = [];
    const handler = (who: string): JobHandler => ({
      kind: 'sessions.cleanup',
      async run(payload) {
        runs.push(`${(payload as { slot: string }).slot}`);
        if (who === 'b') await new Promise((r) => setImmediate(r));
      },
    });
    const wa = new Worker({ instanceId: 'a', handlers: [handler('a')], jobs: a, logger: quiet, batch: 7 });
    const wb = new Worker({ instanceId: 'b', handlers: [handler('b')], jobs: b, logger: quiet, batch: 5 });
    const [na, nb] = await Promise.all([wa.drain(), wb.drain()]);
    expect(na + nb).toBe(120);
    expect(runs).toHaveLength(120);
    expect(new Set(runs).size).toBe(120);
    const left = await sql<{ n: number }>`select count(*)::int as n from jobs where status <> 'done'`.execute(t.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('retries a failing job with backoff and gives up after max attempts', async () => {
    const jobs = new JobRepository(t.db);
    const id = await jobs.enqueue(t.db, { kind: 'audit.verify', payload: {}, maxAttempts: 2 });
    let calls = 0;
    const failing: JobHandler = { kind: 'audit.verify', async run() { calls++; throw new Error('gateway down'); } };
    const w = new Worker({ instanceId: 'w', handlers: [failing], jobs, logger: quiet });
    await w.drain();
    let row = await t.db.selectFrom('jobs').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway down' });
    expect(row.run_at.getTime()).toBeGreaterThan(Date.now());
    await t.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', id!).execute();
    await w.drain();
    row = await t.db.selectFrom('jobs').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row.status).toBe('dead');
    expect(calls).toBe(2);
  });

  it('takes over a job whose worker died holding an expired lease', async () => {
    const jobs = new JobRepository(t.db);
    const id = await jobs.enqueue(t.db, { kind: 'sessions.cleanup', payload: {} });
    await t.db.updateTable('jobs').set({ status: 'running', locked_by: 'dead-worker', locked_until: new Date(Date.now() - 1000), attempts: 1 }).where('id', '=', id!).execute();
    const ran: number[] = [];
    const w = new Worker({ instanceId: 'alive', handlers: [{ kind: 'sessions.cleanup', async run(_p, m) { ran.push(m.jobId); } }], jobs, logger: quiet });
    await w.drain();
    expect(ran).toEqual([id]);
  });

  it('fires a due schedule once however many schedulers tick at the same moment', async () => {
    const mk = (db: TestDatabase['db'], id: string) => new Scheduler({ instanceId: id, jobs: new JobRepository(db), schedules: [{ name: 'nightly', kind: 'audit.verify', everySeconds: 86_400 }], logger: quiet });
    const s1 = mk(t.db, 's1');
    const s2 = mk(t.connectAgain(), 's2');
    const s3 = mk(t.connectAgain(), 's3');
    await s1.register();
    await s2.register();
    await t.db.updateTable('schedules').set({ next_run_at: new Date(Date.now() - 3 * 86_400_000 - 5000) }).where('name', '=', 'nightly').execute();
    const fired = (await Promise.all([s1.fire(), s2.fire(), s3.fire()])).flat();
    expect(fired).toEqual(['nightly']);
    const jobs = await t.db.selectFrom('jobs').select('id').where('kind', '=', 'audit.verify').where('dedupe_key', 'like', 'schedule:nightly:%').execute();
    expect(jobs).toHaveLength(1);
    const next = await t.db.selectFrom('schedules').select('next_run_at').where('name', '=', 'nightly').executeTakeFirstOrThrow();
    expect(next.next_run_at.getTime()).toBeGreaterThan(Date.now());
    expect((await Promise.all([s1.fire(), s2.fire()])).flat()).toEqual([]);
  });
});
