import { regionPrefix } from '@hcp/domain';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RegionTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

export class RegionRepository {
  constructor(private readonly db: Database) {}

  find(code: string, db: Executor = this.db) {
    return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
  }

  findMany(codes: string[], db: Executor = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db.selectFrom('regions').selectAll().where('code', 'in', codes).execute();
  }

  /** Children of a region (or the top level), optionally filtered by name, within a subtree. */
  list(filter: { parentCode?: string | null; q?: string; within?: string | null; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('regions')
      .select(['code', 'name', 'level', 'parent_code', (eb) => eb.selectFrom('regions as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parent_code', '=', 'regions.code').as('children')])
      .orderBy('code')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.parentCode !== undefined) q = filter.parentCode === null ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', filter.parentCode);
    if (filter.q) q = q.where('name', 'like', `%${filter.q}%`);
    if (filter.within) q = q.where('code', 'like', `${regionPrefix(filter.within)}%`);
    return q.execute();
  }

  async upsert(db: Executor, rows: Insertable<RegionTable>[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('regions')
      .values(rows)
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), parent_code: eb.ref('excluded.parent_code'), updated_at: new Date() })))
      .execute();
  }

  async rename(db: Executor, code: string, name: string): Promise<void> {
    await db.updateTable('regions').set({ name, updated_at: new Date() }).where('code', '=', code).execute();
  }

  /** The codes from the root down to this region, each known one. */
  async ancestors(code: string): Promise<string[]> {
    // One query walking up the parents (the depth bound only guards against a cycle).
    const rows = await sql<{ code: string }>`
      with recursive up(code, parent_code, depth) as (
        select code, parent_code, 0 from regions where code = ${code}
        union all
        select r.code, r.parent_code, up.depth + 1 from regions r join up on r.code = up.parent_code where up.depth < 10
      )
      select code from up order by depth desc`.execute(this.db);
    return rows.rows.map((r) => r.code);
  }
}
