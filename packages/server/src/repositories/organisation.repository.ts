import type { Insertable, Updateable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { OrganisationTable, OrgKind } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

export class OrganisationRepository {
  constructor(private readonly db: Database) {}

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Whether the staff member works at this window. */
  async staffWorksAt(staffId: number, windowId: number): Promise<boolean> {
    const row = await this.db.selectFrom('staff_windows').select('window_id').where('staff_id', '=', staffId).where('window_id', '=', windowId).executeTakeFirst();
    return row !== undefined;
  }

  findByCode(regionCode: string, kind: OrgKind, code: string, db: Executor = this.db) {
    return db.selectFrom('organisations').selectAll().where('region_code', '=', regionCode).where('kind', '=', kind).where('code', '=', code).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findMany(ids: number[], db: Executor = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
  }

  /** Every organisation of this kind with one of these codes, in any region; callers narrow by region. */
  findByKindAndCodes(kind: OrgKind, codes: string[], db: Executor = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db.selectFrom('organisations').selectAll().where('kind', '=', kind).where('code', 'in', codes).execute();
  }

  list(scope: DataScope & { orgPaths?: string[] }, filter: { regionCode?: string; parentId?: number | null; kind?: OrgKind; q?: string; under?: string; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('organisations')
      .selectAll()
      .where(scopeCondition(scope, 'organisations.region_code', 'organisations.path'))
      .orderBy('path')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
    if (filter.parentId !== undefined) q = filter.parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', filter.parentId);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.q) q = q.where('name', 'like', `%${filter.q}%`);
    if (filter.under) q = q.where('path', 'like', `${filter.under}%`);
    return q.execute();
  }

  /** Inserts and sets the materialised path (/root/…/self/) that subtree queries use. */
  async insert(db: Executor, values: Omit<Insertable<OrganisationTable>, 'path'>, parentPath: string): Promise<{ id: number; path: string }> {
    const { id } = await db.insertInto('organisations').values({ ...values, path: '' }).returning('id').executeTakeFirstOrThrow();
    const path = `${parentPath || '/'}${id}/`;
    await db.updateTable('organisations').set({ path }).where('id', '=', id).execute();
    return { id, path };
  }

  async update(db: Executor, id: number, values: Updateable<OrganisationTable>): Promise<void> {
    await db.updateTable('organisations').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
  }
}
