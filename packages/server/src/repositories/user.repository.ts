import type { Database } from '../db/database.ts';
import type { Role, UserTable } from '../db/schema.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';
import type { DataScope } from '../services/actor.ts';

export interface SessionUser {
  sessionId: string;
  expiresAt: Date;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  scopeRegionCode: string | null;
  scopeOrgId: number | null;
  scopeOrgPath: string | null;
  staffId: number | null;
}

const USER_COLUMNS = [
  'users.id', 'users.username', 'users.display_name', 'users.role', 'users.scope_region_code', 'users.scope_org_id',
  'users.staff_id', 'users.active', 'users.locked_until', 'users.failed_logins', 'users.created_at', 'users.last_login_at',
] as const;

export class UserRepository {
  constructor(private readonly db: Database) {}

  findByUsername(username: string) {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(id: number, db: Executor = this.db) {
    return db
      .selectFrom('users')
      .leftJoin('organisations', 'organisations.id', 'users.scope_org_id')
      .select([...USER_COLUMNS, 'organisations.path as scope_org_path', 'organisations.region_code as scope_org_region'])
      .where('users.id', '=', id)
      .executeTakeFirst();
  }

  list(scope: DataScope, filter: { role?: Role; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('users')
      .leftJoin('organisations', 'organisations.id', 'users.scope_org_id')
      .select([...USER_COLUMNS, 'organisations.path as scope_org_path'])
      .where(scopeCondition(scope, 'users.scope_region_code', 'organisations.path'))
      .orderBy('users.id')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.role) q = q.where('users.role', '=', filter.role);
    return q.execute();
  }

  async insert(db: Executor, values: Insertable<UserTable>): Promise<number> {
    const row = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async update(db: Executor, id: number, values: Updateable<UserTable>): Promise<void> {
    await db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  async countSysadmins(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'sysadmin').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async recordFailure(id: number, maxFailures: number, lockUntil: Date): Promise<{ locked: boolean }> {
    const row = await this.db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    if (row.failed_logins >= maxFailures) {
      await this.db.updateTable('users').set({ locked_until: lockUntil, failed_logins: 0 }).where('id', '=', id).execute();
      return { locked: true };
    }
    return { locked: false };
  }

  async createSession(db: Executor, s: { id: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null }) {
    await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent }).execute();
  }

  async findSession(id: string, now: Date): Promise<SessionUser | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('organisations', 'organisations.id', 'users.scope_org_id')
      .select([
        'sessions.id as session_id', 'sessions.expires_at', 'users.id', 'users.username', 'users.display_name', 'users.role',
        'users.scope_region_code', 'users.scope_org_id', 'organisations.path as scope_org_path', 'users.staff_id',
      ])
      .where('sessions.id', '=', id)
      .where('sessions.expires_at', '>', now)
      .where('users.active', '=', true)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      sessionId: row.session_id,
      expiresAt: row.expires_at,
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      scopeRegionCode: row.scope_region_code,
      scopeOrgId: row.scope_org_id,
      scopeOrgPath: row.scope_org_path,
      staffId: row.staff_id,
    };
  }

  async extendSession(id: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOf(db: Executor, userId: number): Promise<void> {
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
