import type { Insertable, Updateable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PlatformKind, PlatformTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

/** Platforms (政务服务平台); their data scope is their region alone. */
export class PlatformRepository {
  constructor(private readonly db: Database) {}

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('platforms').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByCode(regionCode: string, code: string, db: Executor = this.db) {
    return db.selectFrom('platforms').selectAll().where('region_code', '=', regionCode).where('code', '=', code).executeTakeFirst();
  }

  /** Every platform with one of these codes, whatever its region; callers match the region. */
  findByCodes(codes: string[], db: Executor = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db.selectFrom('platforms').selectAll().where('code', 'in', codes).execute();
  }

  list(scope: DataScope & { orgPaths?: string[] }, filter: { regionCode?: string; kind?: PlatformKind; q?: string; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('platforms')
      .selectAll()
      .where(scopeCondition(scope, 'platforms.region_code', null))
      .orderBy('region_code')
      .orderBy('code')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${filter.q}%`), eb('code', 'like', `%${filter.q}%`)]));
    return q.execute();
  }

  async insert(db: Executor, values: Insertable<PlatformTable>): Promise<number> {
    const { id } = await db.insertInto('platforms').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async update(db: Executor, id: number, values: Updateable<PlatformTable>): Promise<void> {
    if (Object.keys(values).length === 0) return;
    await db.updateTable('platforms').set(values).where('id', '=', id).execute();
  }
}
