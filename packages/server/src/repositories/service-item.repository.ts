import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ServiceItemTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

/** Item rows with the owner unit's path, which is the item's data scope on the organisation axis. */
const withOwner = (db: Executor) =>
  db
    .selectFrom('service_items')
    .innerJoin('organisations as owner', 'owner.id', 'service_items.owner_org_id')
    .selectAll('service_items')
    .select(['owner.path as owner_path', 'owner.region_code as owner_region_code', 'owner.name as owner_name']);

/**
 * Service items (政务服务事项), versioned: each change is a new row with the next version number and
 * the old row gets `superseded_at`. Cases keep the id of the version they were handled under.
 */
export class ServiceItemRepository {
  constructor(private readonly db: Database) {}

  /** The current version of an item, with its owner's org path; what a new case links to. */
  findCurrentByCode(code: string, db: Executor = this.db) {
    return withOwner(db).where('service_items.item_code', '=', code).where('service_items.superseded_at', 'is', null).executeTakeFirst();
  }

  /** Current versions of several items, for imports. */
  findCurrentByCodes(codes: string[], db: Executor = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return withOwner(db).where('service_items.item_code', 'in', codes).where('service_items.superseded_at', 'is', null).execute();
  }

  findVersion(id: number, db: Executor = this.db) {
    return withOwner(db).where('service_items.id', '=', id).executeTakeFirst();
  }

  versions(code: string, db: Executor = this.db) {
    return withOwner(db).where('service_items.item_code', '=', code).orderBy('service_items.version', 'desc').execute();
  }

  listCurrent(scope: DataScope & { orgPaths?: string[] }, filter: { ownerUnitId?: number; regionCode?: string; itemType?: string; q?: string; limit: number; offset: number }) {
    let q = withOwner(this.db)
      .where('service_items.superseded_at', 'is', null)
      .where(scopeCondition(scope, 'service_items.region_code', 'owner.path'))
      .orderBy('service_items.item_code')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.ownerUnitId !== undefined) q = q.where('service_items.owner_org_id', '=', filter.ownerUnitId);
    if (filter.regionCode) q = q.where('service_items.region_code', '=', filter.regionCode);
    if (filter.itemType) q = q.where('service_items.item_type', '=', filter.itemType);
    if (filter.q) q = q.where((eb) => eb.or([eb('service_items.name', 'like', `%${filter.q}%`), eb('service_items.item_code', 'like', `%${filter.q}%`)]));
    return q.execute();
  }

  /** Whether any version of this code exists. */
  async exists(code: string, db: Executor = this.db): Promise<boolean> {
    return !!(await db.selectFrom('service_items').select('id').where('item_code', '=', code).limit(1).executeTakeFirst());
  }

  async insertVersion(db: Executor, values: Insertable<ServiceItemTable>): Promise<number> {
    const { id } = await db.insertInto('service_items').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  /** Marks a version as replaced; false when it was already replaced (a concurrent change won). */
  async supersede(db: Executor, id: number, at: Date): Promise<boolean> {
    const r = await db.updateTable('service_items').set({ superseded_at: at }).where('id', '=', id).where('superseded_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
