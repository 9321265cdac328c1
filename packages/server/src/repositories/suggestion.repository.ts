import { regionPrefix } from '@hcp/domain';
import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SuggestionTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

/** The suggestion box (意见箱). */
export class SuggestionRepository {
  constructor(private readonly db: Database) {}

  /** Inserts unless the idempotency key was used; undefined then. */
  insert(trx: Executor, values: Insertable<SuggestionTable>) {
    return trx
      .insertInto('suggestions')
      .values(values)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning(['id', 'created_at'])
      .executeTakeFirst();
  }

  findByIdempotencyKey(key: string) {
    return this.db.selectFrom('suggestions').select(['id', 'created_at']).where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** Newest first, within the data scope; a suggestion naming no region is seen only by unscoped staff. */
  list(scope: DataScope & { orgPaths?: string[] }, f: { regionCode?: string; orgPath?: string; beforeId?: number; limit: number }) {
    let q = this.db
      .selectFrom('suggestions as s')
      .leftJoin('regions as r', 'r.code', 's.region_code')
      .leftJoin('organisations as o', 'o.id', 's.org_id')
      .leftJoin('organisations as w', 'w.id', 's.window_id')
      .leftJoin('evaluation_policies as p', 'p.id', 's.policy_id')
      .select([
        's.id', 's.region_code', 's.answers', 's.text', 's.contact_phone_masked', 's.created_at',
        'r.name as region_name', 'o.name as org_name', 'o.kind as org_kind', 'w.name as window_name', 'p.version as policy_version', 'p.region_code as policy_region_code',
      ])
      .where(scopeCondition(scope, 's.region_code', 's.org_path'))
      .orderBy('s.id', 'desc')
      .limit(f.limit);
    if (f.regionCode) q = q.where('s.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
    if (f.orgPath) q = q.where('s.org_path', 'like', `${f.orgPath}%`);
    if (f.beforeId) q = q.where('s.id', '<', f.beforeId);
    return q.execute();
  }

  /** Active units whose name contains `q`, for the public form's "which unit" field. */
  searchUnits(q: string, limit: number) {
    return this.db
      .selectFrom('organisations as o')
      .innerJoin('regions as r', 'r.code', 'o.region_code')
      .select(['o.id', 'o.name', 'r.name as region_name'])
      .where('o.kind', '=', 'unit')
      .where('o.active', '=', true)
      .where('o.name', 'like', `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
      .orderBy('o.name')
      .limit(limit)
      .execute();
  }
}
