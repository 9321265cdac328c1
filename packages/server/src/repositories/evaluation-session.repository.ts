import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { EvaluationSessionTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';
import { Coalescer } from './coalesce.ts';

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

  /**
   * The session alone (no names of the case), as submitting a rating needs it: concurrent
   * submissions share one query (coalesce.ts).
   */
  findForSubmit(tokenHash: string, db: Executor = this.db) {
    return this.forSubmit.load(db, tokenHash);
  }

  private readonly forSubmit = new Coalescer(async (db, hashes: string[]) => {
    const rows = await (db as Executor)
      .selectFrom('evaluation_sessions')
      .select(['id', 'case_id', 'channel', 'real_name', 'platform_id', 'source_ref', 'expires_at', 'evaluation_id', 'token_hash'])
      .where('token_hash', 'in', [...new Set(hashes)])
      .execute();
    const found = new Map(rows.map(({ token_hash, ...row }) => [token_hash, row]));
    return hashes.map((h) => found.get(h));
  });

  /** The same by id, for a channel that keeps a reference to its session rather than the token (an SMS reply). */
  findById(id: number, db: Executor = this.db) {
    return this.withCase(db).where('s.id', '=', id).executeTakeFirst();
  }

  /**
   * Marks the session used by its evaluation; false when another submission used it first. The
   * ratings of one group commit mark theirs in one statement (coalesce.ts).
   */
  markUsed(db: Executor, id: number, evaluationId: number): Promise<boolean> {
    return this.marks.load(db, { id, evaluationId });
  }

  private readonly marks = new Coalescer(async (db, items: { id: number; evaluationId: number }[]) => {
    const values = sql.join(items.map((i) => sql`(${i.id}::bigint, ${i.evaluationId}::bigint)`));
    const updated = await sql<{ id: number }>`
      update evaluation_sessions as s set evaluation_id = v.evaluation_id
      from (values ${values}) as v(id, evaluation_id)
      where s.id = v.id and s.evaluation_id is null
      returning s.id`.execute(db as Executor);
    const used = new Set(updated.rows.map((r) => Number(r.id)));
    // A session named twice in one statement is marked by the first only.
    return items.map((i) => used.delete(i.id));
  });
}
