import { sql, type Insertable } from 'kysely';
import { withPolicyDefaults, type EvaluationPolicy } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { EvaluationTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

export const NATIONAL_REGION = '000000000000';

/** Evaluations and the versioned policies they are made under. */
export class EvaluationRepository {
  constructor(private readonly db: Database) {}

  /** The latest policy version of the nearest of these regions (listed nearest first) that has one. */
  async currentPolicy(regionChain: string[], db: Executor = this.db): Promise<{ id: number; regionCode: string; version: number; policy: EvaluationPolicy }> {
    const rows = await db
      .selectFrom('evaluation_policies')
      .select(['id', 'region_code', 'version', 'policy'])
      .where('region_code', 'in', [...regionChain, NATIONAL_REGION])
      .orderBy('version', 'desc')
      .execute();
    for (const region of [...regionChain, NATIONAL_REGION]) {
      const hit = rows.find((r) => r.region_code === region);
      if (hit) return { id: hit.id, regionCode: hit.region_code, version: hit.version, policy: withPolicyDefaults(hit.policy) };
    }
    throw new Error('no national evaluation policy: the evaluations migration did not run');
  }

  policyById(id: number, db: Executor = this.db) {
    return db.selectFrom('evaluation_policies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  policyVersions(regionCode: string) {
    return this.db.selectFrom('evaluation_policies').selectAll().where('region_code', '=', regionCode).orderBy('version', 'desc').execute();
  }

  async insertPolicy(trx: Executor, regionCode: string, policy: EvaluationPolicy, note: string | null, userId: number | null): Promise<{ id: number; version: number }> {
    await sql`select pg_advisory_xact_lock(hashtext(${`policy:${regionCode}`}))`.execute(trx);
    const current = await trx.selectFrom('evaluation_policies').select((eb) => eb.fn.max('version').as('v')).where('region_code', '=', regionCode).executeTakeFirst();
    const version = Number(current?.v ?? 0) + 1;
    const row = await trx
      .insertInto('evaluation_policies')
      .values({ region_code: regionCode, version, policy: JSON.stringify(policy), note, created_by: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, version };
  }

  /** What an evaluation needs to know of its case: the objects it rates and when evaluation opens. */
  async caseContext(caseId: number, db: Executor = this.db) {
    const row = await db
      .selectFrom('cases')
      .leftJoin('organisations as w', 'w.id', 'cases.window_id')
      .leftJoin('organisations as h', (j) => j.onRef('h.id', '=', 'w.parent_id').on('h.kind', '=', 'hall'))
      .select([
        'cases.id', 'cases.case_no', 'cases.item_id', 'cases.unit_id', 'cases.window_id', 'cases.staff_id', 'cases.region_code',
        'cases.org_path', 'cases.channel', 'cases.stage', 'cases.accepted_at', 'cases.completed_at', 'cases.applicant_phone_bidx',
        'cases.applicant_name_enc', 'cases.applicant_phone_enc', 'h.id as hall_id',
        (eb) => eb.selectFrom('case_stages').select('occurred_at').whereRef('case_stages.case_id', '=', 'cases.id').where('stage', '=', 'received').as('received_at'),
      ])
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    return row;
  }

  rounds(caseId: number, visitNo: number, db: Executor = this.db) {
    return db.selectFrom('evaluations').select(['id', 'round', 'kind']).where('case_id', '=', caseId).where('visit_no', '=', visitNo).orderBy('round').execute();
  }

  findByIdempotencyKey(key: string, db: Executor = this.db) {
    return db.selectFrom('evaluations').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Inserts unless the (case, visit, round) slot is taken; returns undefined when it is, which is how
   * a second submission arriving at the same instant through another channel is told apart.
   */
  async insert(trx: Executor, values: Insertable<EvaluationTable>): Promise<{ id: number } | undefined> {
    return trx
      .insertInto('evaluations')
      .values(values)
      .onConflict((oc) => oc.columns(['case_id', 'visit_no', 'round']).doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  /** A region's own versions, newest first, with the author's username. */
  policyHistory(regionCode: string) {
    return this.db
      .selectFrom('evaluation_policies as p')
      .leftJoin('users as u', 'u.id', 'p.created_by')
      .select(['p.id', 'p.version', 'p.policy', 'p.note', 'p.created_at', 'u.username as author'])
      .where('p.region_code', '=', regionCode)
      .orderBy('p.version', 'desc')
      .execute();
  }

  /** The latest version of every region that has one: what the default job may apply anywhere. */
  async latestPolicies(): Promise<{ regionCode: string; policy: EvaluationPolicy }[]> {
    const rows = await this.db
      .selectFrom('evaluation_policies as p')
      .select(['p.region_code', 'p.policy'])
      .where('p.version', '=', (eb) => eb.selectFrom('evaluation_policies as q').select((e) => e.fn.max('q.version').as('v')).whereRef('q.region_code', '=', 'p.region_code'))
      .execute();
    return rows.map((r) => ({ regionCode: r.region_code, policy: withPolicyDefaults(r.policy) }));
  }

  /**
   * Completed cases without a first evaluation of their first visit, completed no later than
   * `completedBy`, in id order after `afterId`: candidates for the default rating (默认评价). The exact
   * working-day check is the caller's; this only narrows the rows with an index-friendly bound.
   */
  defaultCandidates(completedBy: Date, afterId: number, limit: number) {
    return this.db
      .selectFrom('cases')
      .leftJoin('organisations as w', 'w.id', 'cases.window_id')
      .leftJoin('organisations as h', (j) => j.onRef('h.id', '=', 'w.parent_id').on('h.kind', '=', 'hall'))
      .select([
        'cases.id', 'cases.item_id', 'cases.unit_id', 'cases.window_id', 'cases.staff_id', 'cases.region_code', 'cases.org_path',
        'cases.accepted_at', 'cases.completed_at', 'h.id as hall_id',
        (eb) => eb.selectFrom('case_stages').select('occurred_at').whereRef('case_stages.case_id', '=', 'cases.id').where('stage', '=', 'received').as('received_at'),
      ])
      .where('cases.completed_at', 'is not', null)
      .where('cases.completed_at', '<=', completedBy)
      .where('cases.id', '>', afterId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('evaluations as e').select('e.id').whereRef('e.case_id', '=', 'cases.id').where('e.visit_no', '=', 1).where('e.round', '=', 1))))
      .orderBy('cases.id')
      .limit(limit)
      .execute();
  }

  /**
   * Inserts default ratings, skipping every case whose first slot was taken meanwhile (by an active
   * rating or by another instance running the same job). Rows go in case order, so two instances
   * inserting overlapping batches wait for each other instead of deadlocking.
   */
  async insertDefaults(trx: Executor, rows: Insertable<EvaluationTable>[]): Promise<{ id: number; case_id: number }[]> {
    if (rows.length === 0) return [];
    return trx
      .insertInto('evaluations')
      .values([...rows].sort((a, b) => a.case_id - b.case_id))
      .onConflict((oc) => oc.columns(['case_id', 'visit_no', 'round']).doNothing())
      .returning(['id', 'case_id'])
      .execute();
  }
}
