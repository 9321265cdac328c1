import { sql, type Insertable } from 'kysely';
import type { EvaluationPolicy } from '@hcp/domain';
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
      if (hit) return { id: hit.id, regionCode: hit.region_code, version: hit.version, policy: hit.policy };
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
}
