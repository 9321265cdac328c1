import type { AlertRecipient } from '@hcp/domain';
import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NotificationTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

/** In-app notifications (站内通知) of staff accounts. */
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  /** Inserts inside the caller's transaction; a row whose (user, dedupe key) exists is skipped. Returns how many were new. */
  async insertMany(trx: Executor, rows: Insertable<NotificationTable>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await trx
      .insertInto('notifications')
      .values(rows)
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    return inserted.length;
  }

  list(userId: number, f: { unreadOnly: boolean; limit: number; offset: number }) {
    let q = this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(f.limit).offset(f.offset);
    if (f.unreadOnly) q = q.where('read_at', 'is', null);
    return q.execute();
  }

  async unreadCount(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one of the user's notifications read (keeping the first time it was); undefined when it is not theirs. */
  async markRead(userId: number, id: number, at: Date) {
    await this.db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  async markAllRead(userId: number, at: Date): Promise<number> {
    const r = await this.db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /**
   * The active accounts that alerts can go to (unit administrators and supervisors) with their data
   * scope; a county has tens of them, so one read serves a whole run of the clock job.
   */
  async alertDirectory(): Promise<AlertRecipient[]> {
    const rows = await this.db
      .selectFrom('users')
      .leftJoin('organisations', 'organisations.id', 'users.scope_org_id')
      .select(['users.id', 'users.role', 'users.scope_region_code', 'organisations.path'])
      .where('users.active', '=', true)
      .where('users.role', 'in', ['unit_admin', 'supervisor'])
      .orderBy('users.id')
      .execute();
    return rows.map((r) => ({ userId: r.id, role: r.role, regionCode: r.scope_region_code, orgPath: r.path }));
  }
}
