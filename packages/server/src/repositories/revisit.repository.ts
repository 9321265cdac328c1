import { regionPrefix } from '@hcp/domain';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RevisitSampleTable, RevisitTask, RevisitTaskTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

/** One evaluator who may be drawn: their first counted rating of the period with a phone. */
export interface PopulationRow {
  evaluation_id: number;
  case_id: number;
  unit_id: number;
  window_id: number | null;
  region_code: string;
  org_path: string;
  evaluator_phone_enc: string;
}

/** 监督查评: samples of evaluators and the revisit tasks of the 12345 operators. */
export class RevisitRepository {
  constructor(private readonly db: Database) {}

  /**
   * The population of a sample, in a fixed order (evaluation id): every evaluator (one phone, by its
   * blind index) who gave an active, counted rating with a phone in [from, to) in the region, each
   * with the first such rating.
   */
  async population(regionCode: string, from: Date, to: Date): Promise<PopulationRow[]> {
    const r = await sql<PopulationRow>`
      select e.id as evaluation_id, e.case_id, e.unit_id, e.window_id, e.region_code, e.org_path, e.evaluator_phone_enc
      from evaluations e
      where e.id in (
        select min(id) from evaluations
        where region_code like ${regionPrefix(regionCode) + '%'} and submitted_at >= ${from} and submitted_at < ${to}
          and kind = 'active' and excluded_as is null and evaluator_phone_bidx is not null and evaluator_phone_enc is not null
        group by evaluator_phone_bidx)
      order by e.id`.execute(this.db);
    return r.rows;
  }

  insertSample(trx: Executor, row: Insertable<RevisitSampleTable>) {
    return trx.insertInto('revisit_samples').values(row).onConflict((oc) => oc.columns(['region_code', 'period_kind', 'period_key']).doNothing()).returningAll().executeTakeFirst();
  }

  async insertTasks(trx: Executor, rows: Insertable<RevisitTaskTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('revisit_tasks').values(rows.slice(i, i + 500)).execute();
  }

  findSample(id: number) {
    return this.db.selectFrom('revisit_samples').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listSamples(scope: DataScope & { orgPaths?: string[] }, f: { regionCode?: string; limit: number; offset: number }) {
    let q = this.db.selectFrom('revisit_samples').selectAll().where(scopeCondition(scope, 'region_code', null)).orderBy('period_from', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset);
    if (f.regionCode) q = q.where('region_code', '=', f.regionCode);
    return q.execute();
  }

  /** The evaluation ids a sample holds, in order, to compare with a redraw. */
  async sampledEvaluations(sampleId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('revisit_tasks').select('evaluation_id').where('sample_id', '=', sampleId).orderBy('evaluation_id').execute();
    return rows.map((r) => r.evaluation_id);
  }

  findTask(id: number, db: Executor = this.db) {
    return db.selectFrom('revisit_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Tasks with what an operator needs for the call: the case number, the unit, the rating's level and date. */
  listTasks(scope: DataScope & { orgPaths?: string[] }, f: { sampleId?: number; status?: RevisitTask['status']; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('revisit_tasks as t')
      .innerJoin('cases as c', 'c.id', 't.case_id')
      .innerJoin('organisations as u', 'u.id', 't.unit_id')
      .innerJoin('evaluations as e', 'e.id', 't.evaluation_id')
      .selectAll('t')
      .select(['c.case_no', 'u.name as unit_name', 'e.level as rated_level', 'e.submitted_at as rated_at', 'e.channel as rated_channel'])
      .where(scopeCondition(scope, 't.region_code', 't.org_path'))
      .orderBy('t.sample_id', 'desc')
      .orderBy('t.id')
      .limit(f.limit)
      .offset(f.offset);
    if (f.sampleId) q = q.where('t.sample_id', '=', f.sampleId);
    if (f.status) q = q.where('t.status', '=', f.status);
    return q.execute();
  }

  /** Records the answer only if nobody answered since `version` was read. */
  answer(trx: Executor, id: number, version: number, set: Pick<RevisitTask, 'status' | 'satisfaction' | 'remarks' | 'answered_by' | 'answered_at'>) {
    return trx.updateTable('revisit_tasks').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('status', '=', 'pending').returningAll().executeTakeFirst();
  }

  /** Counts of a sample's tasks by status and satisfaction. */
  results(sampleId: number) {
    return this.db
      .selectFrom('revisit_tasks')
      .select(['status', 'satisfaction', (eb) => eb.fn.countAll<number>().as('n')])
      .where('sample_id', '=', sampleId)
      .groupBy(['status', 'satisfaction'])
      .execute();
  }
}
