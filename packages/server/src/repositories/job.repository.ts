import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Job } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

/**
 * The job queue and transactional outbox: a job is enqueued in the same transaction as the change
 * that causes it, and claimed with FOR UPDATE SKIP LOCKED so any number of workers share the work.
 */
export class JobRepository {
  constructor(private readonly db: Database) {}

  async enqueue(db: Executor, job: { kind: string; payload: Record<string, unknown>; runAt?: Date; dedupeKey?: string; maxAttempts?: number }): Promise<number | null> {
    const row = await db
      .insertInto('jobs')
      .values({
        kind: job.kind,
        payload: JSON.stringify(job.payload),
        run_at: job.runAt ?? new Date(),
        dedupe_key: job.dedupeKey ?? null,
        ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Claims due jobs, including ones whose previous worker died holding an expired lease. */
  async claim(workerId: string, limit: number, leaseSeconds: number, kinds: string[]): Promise<Job[]> {
    if (kinds.length === 0) return [];
    const rows = await sql<Job>`
      update jobs set status = 'running', locked_by = ${workerId},
        locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
      where id in (
        select id from jobs
        where kind in (${sql.join(kinds)}) and run_at <= now()
          and (status = 'pending' or (status = 'running' and locked_until < now()))
        order by run_at, id
        limit ${limit}
        for update skip locked
      )
      returning *`.execute(this.db);
    return rows.rows;
  }

  async complete(id: number, workerId: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'done', finished_at: new Date(), locked_by: null, locked_until: null, last_error: null }).where('id', '=', id).where('locked_by', '=', workerId).execute();
  }

  /** Retries later with exponential backoff, or gives up ('dead') after max_attempts. */
  async fail(job: Job, workerId: string, error: string, backoffSeconds: number): Promise<void> {
    const dead = job.attempts >= job.max_attempts;
    await this.db
      .updateTable('jobs')
      .set({
        status: dead ? 'dead' : 'pending',
        run_at: new Date(Date.now() + backoffSeconds * 1000),
        locked_by: null,
        locked_until: null,
        last_error: error.slice(0, 2000),
        ...(dead ? { finished_at: new Date() } : {}),
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  backlog() {
    return this.db.selectFrom('jobs').select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')]).where('status', 'in', ['pending', 'running', 'dead']).groupBy(['kind', 'status']).execute();
  }

  async upsertSchedule(s: { name: string; everySeconds: number; jobKind: string; firstRunAt: Date }): Promise<void> {
    await this.db
      .insertInto('schedules')
      .values({ name: s.name, every_seconds: s.everySeconds, job_kind: s.jobKind, next_run_at: s.firstRunAt })
      .onConflict((oc) => oc.column('name').doUpdateSet({ every_seconds: s.everySeconds, job_kind: s.jobKind }))
      .execute();
  }

  /**
   * Fires every due schedule exactly once across instances: the schedule row is locked, moved to its
   * next slot and its job enqueued in one transaction; a dedupe key per slot guards the rest.
   */
  async fireDueSchedules(instanceId: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await sql<{ name: string; job_kind: string; every_seconds: number; next_run_at: Date }>`
        select name, job_kind, every_seconds, next_run_at from schedules
        where next_run_at <= now() order by next_run_at for update skip locked`.execute(trx);
      const fired: string[] = [];
      for (const s of due.rows) {
        const now = Date.now();
        const period = s.every_seconds * 1000;
        // Skip missed slots after downtime: one run now, then back on the grid.
        const slots = Math.floor((now - s.next_run_at.getTime()) / period) + 1;
        const next = new Date(s.next_run_at.getTime() + slots * period);
        await trx.updateTable('schedules').set({ next_run_at: next, last_run_at: new Date(now), last_fired_by: instanceId }).where('name', '=', s.name).execute();
        await this.enqueue(trx, { kind: s.job_kind, payload: { schedule: s.name, slot: s.next_run_at.toISOString() }, dedupeKey: `schedule:${s.name}:${s.next_run_at.toISOString()}` });
        fired.push(s.name);
      }
      return fired;
    });
  }
}
