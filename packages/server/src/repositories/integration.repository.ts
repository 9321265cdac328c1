import type { Database } from '../db/database.ts';
import type { Executor } from './audit.repository.ts';

export class IntegrationRepository {
  constructor(private readonly db: Database) {}

  /** The integration behind a key id, with the paths of the units it may push cases for. */
  async findByKeyId(keyId: string) {
    const row = await this.db.selectFrom('integrations').selectAll().where('key_id', '=', keyId).where('active', '=', true).executeTakeFirst();
    if (!row) return undefined;
    const units = await this.db
      .selectFrom('integration_units')
      .innerJoin('organisations', 'organisations.id', 'integration_units.org_id')
      .select(['organisations.id', 'organisations.path'])
      .where('integration_units.integration_id', '=', row.id)
      .execute();
    return { ...row, units };
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string) {
    return this.db.selectFrom('integrations').select('id').where('name', '=', name).executeTakeFirst();
  }

  async list() {
    const rows = await this.db.selectFrom('integrations').select(['id', 'name', 'key_id', 'active', 'created_at', 'last_used_at']).orderBy('id').execute();
    const units = await this.db.selectFrom('integration_units').selectAll().execute();
    return rows.map((r) => ({ ...r, unitIds: units.filter((u) => u.integration_id === r.id).map((u) => u.org_id) }));
  }

  async insert(db: Executor, v: { name: string; keyId: string; secretHash: string; secretEnc: string }): Promise<number> {
    const row = await db.insertInto('integrations').values({ name: v.name, key_id: v.keyId, secret_hash: v.secretHash, secret_enc: v.secretEnc }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async setUnits(db: Executor, id: number, orgIds: number[]): Promise<void> {
    await db.deleteFrom('integration_units').where('integration_id', '=', id).execute();
    if (orgIds.length) await db.insertInto('integration_units').values(orgIds.map((org_id) => ({ integration_id: id, org_id }))).execute();
  }

  async update(db: Executor, id: number, v: { keyId?: string; secretHash?: string; secretEnc?: string; active?: boolean }): Promise<void> {
    await db
      .updateTable('integrations')
      .set({
        ...(v.keyId ? { key_id: v.keyId } : {}),
        ...(v.secretHash ? { secret_hash: v.secretHash } : {}),
        ...(v.secretEnc ? { secret_enc: v.secretEnc } : {}),
        ...(v.active !== undefined ? { active: v.active } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async touch(id: number, at: Date): Promise<void> {
    await this.db.updateTable('integrations').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
