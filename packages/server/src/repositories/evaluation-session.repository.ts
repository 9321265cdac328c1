import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { EvaluationSessionTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

export class EvaluationSessionRepository {
  constructor(private readonly db: Database) {}

  async insert(db: Executor, values: Insertable<EvaluationSessionTable>): Promise<number> {
    const row = await db.insertInto('evaluation_sessions').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** The session with what its page shows of the case: names of the item, unit and window, never the applicant. */
  private withCase(db: Executor) {
    return db
      .selectFrom('evaluation_sessions as s')
      .innerJoin('cases as c', 'c.id', 's.case_id')
      .innerJoin('service_items as i', 'i.id', 'c.item_id')
      .innerJoin('organisations as u', 'u.id', 'c.unit_id')
      .leftJoin('organisations as w', 'w.id', 'c.window_id')
      .select([
        's.id', 's.case_id', 's.channel', 's.real_name', 's.platform_id', 's.source_ref', 's.expires_at', 's.evaluation_id',
        'c.case_no', 'c.channel as case_mode', 'c.region_code', 'c.completed_at', 'c.applicant_name_masked',
        'i.name as item_name', 'u.name as unit_name', 'w.name as window_name',
      ]);
  }

  findByTokenHash(tokenHash: string, db: Executor = this.db) {
    return this.withCase(db).where('s.token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** The same by id, for a channel that keeps a reference to its session rather than the token (an SMS reply). */
  findById(id: number, db: Executor = this.db) {
    return this.withCase(db).where('s.id', '=', id).executeTakeFirst();
  }

  /** Marks the session used by its evaluation; false when another submission used it first. */
  async markUsed(db: Executor, id: number, evaluationId: number): Promise<boolean> {
    const r = await db.updateTable('evaluation_sessions').set({ evaluation_id: evaluationId }).where('id', '=', id).where('evaluation_id', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
