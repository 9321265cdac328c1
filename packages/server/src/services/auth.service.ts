import { createHash, randomBytes } from 'node:crypto';
import { normaliseRegionCode, type StaffRole } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { AppError, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { SessionUser, UserRepository } from '../repositories/user.repository.ts';
import { hashPassword, verifyPassword } from '../security/password.ts';
import { auditActor, listScope, requireInScope, requirePermission, requireUser, type Actor, type Ctx } from './actor.ts';

export interface AuthSettings {
  sessionTtlMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  role: StaffRole;
  scopeRegionCode?: string | null;
  scopeOrgId?: number | null;
  staffId?: number | null;
}

function normalisedRegion(code: string): string {
  const normal = normaliseRegionCode(code);
  if (!normal) throw invalid('scopeRegionCode', 'a region code has 6, 9 or 12 digits (GB/T 2260)');
  return normal;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function checkPasswordStrength(password: string): void {
  if (password.length < 10) throw invalid('password', 'must be at least 10 characters');
  if (new Set(password).size < 4) throw invalid('password', 'must not repeat the same few characters');
}

/** Staff accounts, login sessions with lockout, and the mapping of a session to an actor. */
export class AuthService {
  private dummyHash: string | undefined;

  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly orgs: OrganisationRepository,
    private readonly regions: RegionRepository,
    private readonly audit: AuditRepository,
    private readonly settings: AuthSettings,
  ) {}

  async login(username: string, password: string, meta: { ip: string | null; userAgent: string | null; requestId: string }) {
    const user = await this.users.findByUsername(username);
    const now = new Date();
    if (!user || !user.active) {
      // Spend the same time as a real check so usernames cannot be probed by timing.
      this.dummyHash ??= await hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(this.dummyHash, password);
      await this.audit.record({ actorType: 'anonymous', actorId: null, action: 'auth.login_failed', requestId: meta.requestId, detail: { username } });
      throw new AppError('LOGIN_FAILED', 'wrong username or password');
    }
    if (user.locked_until && user.locked_until > now) {
      throw new AppError('ACCOUNT_LOCKED', `account locked until ${user.locked_until.toISOString()}`);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const lockUntil = new Date(now.getTime() + this.settings.loginLockMinutes * 60_000);
      const { locked } = await this.users.recordFailure(user.id, this.settings.loginMaxFailures, lockUntil);
      await this.audit.record({
        actorType: 'anonymous', actorId: null, action: locked ? 'auth.locked' : 'auth.login_failed',
        targetType: 'user', targetId: user.id, requestId: meta.requestId, detail: { username, ip: meta.ip },
      });
      if (locked) throw new AppError('ACCOUNT_LOCKED', `too many failed logins; account locked for ${this.settings.loginLockMinutes} minutes`);
      throw new AppError('LOGIN_FAILED', 'wrong username or password');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.sessionTtlMinutes * 60_000);
    await this.db.transaction().execute(async (trx) => {
      await this.users.createSession(trx, { id: sessionIdOf(token), userId: user.id, expiresAt, ip: meta.ip, userAgent: meta.userAgent });
      await this.users.update(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
      await this.audit.append(trx, { actorType: 'user', actorId: `user:${user.id}`, action: 'auth.login', targetType: 'user', targetId: user.id, requestId: meta.requestId, detail: { ip: meta.ip } });
    });
    return { token, expiresAt };
  }

  /** The actor behind a session cookie; sliding expiry renews a session used past half its life. */
  async resolveSession(token: string): Promise<{ actor: Actor; user: SessionUser } | undefined> {
    const now = new Date();
    const user = await this.users.findSession(sessionIdOf(token), now);
    if (!user) return undefined;
    const ttl = this.settings.sessionTtlMinutes * 60_000;
    if (user.expiresAt.getTime() - now.getTime() < ttl / 2) {
      await this.users.extendSession(user.sessionId, new Date(now.getTime() + ttl));
    }
    return {
      user,
      actor: {
        kind: 'user',
        userId: user.userId,
        username: user.username,
        role: user.role,
        staffId: user.staffId,
        scope: { regionCode: user.scopeRegionCode, orgPath: user.scopeOrgPath },
      },
    };
  }

  async logout(token: string): Promise<void> {
    await this.users.deleteSession(sessionIdOf(token));
  }

  async me(ctx: Ctx) {
    const a = requireUser(ctx);
    const u = await this.users.findById(a.userId);
    if (!u) throw notFound('user');
    return u;
  }

  private async checkScopeInput(ctx: Ctx, input: { role: StaffRole; scopeRegionCode?: string | null; scopeOrgId?: number | null }) {
    let orgPath: string | null = null;
    let orgRegion: string | null = null;
    if (input.scopeRegionCode) {
      if (!(await this.regions.find(input.scopeRegionCode))) throw unknownReference('scopeRegionCode', 'no such region');
      requireInScope(ctx, { regionCode: input.scopeRegionCode }, 'region');
    }
    if (input.scopeOrgId) {
      const org = await this.orgs.find(input.scopeOrgId);
      if (!org) throw unknownReference('scopeOrgId', 'no such organisation');
      orgPath = org.path;
      orgRegion = org.region_code;
      requireInScope(ctx, { regionCode: org.region_code, orgPath }, 'organisation');
    }
    if (input.role !== 'sysadmin' && !input.scopeRegionCode && !input.scopeOrgId) {
      throw invalid('scopeRegionCode', 'every role but sysadmin needs a data scope (a region, an organisation or both)');
    }
    return { orgPath, orgRegion };
  }

  async createUser(ctx: Ctx, raw: NewUserInput): Promise<number> {
    requirePermission(ctx, 'user.manage');
    const input = { ...raw, scopeRegionCode: raw.scopeRegionCode ? normalisedRegion(raw.scopeRegionCode) : null };
    if (!/^[A-Za-z0-9_.-]{3,64}$/.test(input.username)) throw invalid('username', 'use 3–64 letters, digits, dot, dash or underscore');
    checkPasswordStrength(input.password);
    await this.checkScopeInput(ctx, input);
    if (await this.users.findByUsername(input.username)) throw new AppError('CONFLICT', 'username is taken', 'username');
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      const id = await this.users.insert(trx, {
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: input.role,
        scope_region_code: input.scopeRegionCode ?? null,
        scope_org_id: input.scopeOrgId ?? null,
        staff_id: input.staffId ?? null,
      });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'user.create', targetType: 'user', targetId: id, detail: { username: input.username, role: input.role, scopeRegionCode: input.scopeRegionCode ?? null, scopeOrgId: input.scopeOrgId ?? null } });
      return id;
    });
  }

  async updateUser(ctx: Ctx, id: number, patch: { displayName?: string; role?: StaffRole; scopeRegionCode?: string | null; scopeOrgId?: number | null; active?: boolean; password?: string; unlock?: boolean }) {
    requirePermission(ctx, 'user.manage');
    const user = await this.users.findById(id);
    if (!user) throw notFound('user');
    requireInScope(ctx, { regionCode: user.scope_region_code ?? user.scope_org_region ?? '', orgPath: user.scope_org_path }, 'user');
    const next = {
      role: patch.role ?? user.role,
      scopeRegionCode: patch.scopeRegionCode ? normalisedRegion(patch.scopeRegionCode) : patch.scopeRegionCode === null ? null : user.scope_region_code,
      scopeOrgId: patch.scopeOrgId !== undefined ? patch.scopeOrgId : user.scope_org_id,
    };
    await this.checkScopeInput(ctx, next);
    if (patch.password !== undefined) checkPasswordStrength(patch.password);
    const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    await this.db.transaction().execute(async (trx) => {
      await this.users.update(trx, id, {
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        role: next.role,
        scope_region_code: next.scopeRegionCode,
        scope_org_id: next.scopeOrgId,
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        ...(patch.unlock ? { locked_until: null, failed_logins: 0 } : {}),
      });
      if (patch.active === false || passwordHash || patch.role || patch.scopeRegionCode !== undefined || patch.scopeOrgId !== undefined) {
        await this.users.deleteSessionsOf(trx, id);
      }
      const { password: _omit, ...logged } = patch;
      await this.audit.append(trx, { ...auditActor(ctx), action: 'user.update', targetType: 'user', targetId: id, detail: { ...logged, passwordChanged: !!passwordHash } });
    });
  }

  async changeOwnPassword(ctx: Ctx, current: string, next: string) {
    const a = requireUser(ctx);
    const user = await this.users.findByUsername(a.username);
    if (!user || !(await verifyPassword(user.password_hash, current))) throw invalid('currentPassword', 'is not correct');
    checkPasswordStrength(next);
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await this.users.update(trx, a.userId, { password_hash: passwordHash });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'user.password_changed', targetType: 'user', targetId: a.userId });
    });
  }

  listUsers(ctx: Ctx, filter: { role?: StaffRole; limit: number; offset: number }) {
    requirePermission(ctx, 'user.manage');
    return this.users.list(listScope(ctx), filter);
  }

  /** First start: makes the system administrator when there is none (demo accounts may exist already). */
  async bootstrapAdmin(password: string | undefined): Promise<{ created: boolean; username: string; password?: string; generated: boolean }> {
    if ((await this.users.countSysadmins()) > 0) return { created: false, username: 'admin', generated: false };
    const pw = password ?? randomBytes(12).toString('base64url');
    checkPasswordStrength(pw);
    const passwordHash = await hashPassword(pw);
    await this.db.transaction().execute(async (trx) => {
      const id = await this.users.insert(trx, { username: 'admin', display_name: '系统管理员', password_hash: passwordHash, role: 'sysadmin', scope_region_code: null, scope_org_id: null });
      await this.audit.append(trx, { actorType: 'system', actorId: 'bootstrap', action: 'user.create', targetType: 'user', targetId: id, detail: { username: 'admin', role: 'sysadmin' } });
    });
    return { created: true, username: 'admin', password: pw, generated: password === undefined };
  }
}
