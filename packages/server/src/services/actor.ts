import { hasPermission, isInRegion, type Permission, type StaffRole } from '@hcp/domain';
import { AppError, forbidden, outOfScope } from '../errors.ts';
import type { AuditEntry } from '../repositories/audit.repository.ts';

/** A data scope (数据范围): a region subtree and/or an organisation subtree. Empty = everything. */
export interface DataScope {
  regionCode: string | null;
  /** Materialised path of the scope's organisation, e.g. "/3/17/". */
  orgPath: string | null;
}

export type Actor =
  | { kind: 'user'; userId: number; username: string; role: StaffRole; scope: DataScope; staffId: number | null }
  | { kind: 'integration'; integrationId: number; name: string; unitPaths: string[] }
  | { kind: 'system'; name: string }
  /** A citizen or company rating through a public channel; holds no permission and no scope. */
  | { kind: 'evaluator'; channel: string };

/** Who is acting and the request it came with; every service method takes one. */
export interface Ctx {
  actor: Actor;
  requestId: string;
}

export const evaluatorCtx = (channel: string, requestId: string): Ctx => ({ actor: { kind: 'evaluator', channel }, requestId });

export const systemCtx = (name: string, requestId = `system:${name}`): Ctx => ({ actor: { kind: 'system', name }, requestId });

export function requireUser(ctx: Ctx): Extract<Actor, { kind: 'user' }> {
  if (ctx.actor.kind !== 'user') throw new AppError('FORBIDDEN', 'this action needs a staff login');
  return ctx.actor;
}

/** Staff must hold the permission; the system itself may do anything. */
export function requirePermission(ctx: Ctx, permission: Permission): void {
  const a = ctx.actor;
  if (a.kind === 'system') return;
  if (a.kind !== 'user' || !hasPermission(a.role, permission)) throw forbidden(`missing permission ${permission}`);
}

export interface ScopedTarget {
  regionCode: string;
  orgPath?: string | null;
}

export function isInScope(actor: Actor, target: ScopedTarget): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'evaluator') return false;
  if (actor.kind === 'integration') return !!target.orgPath && actor.unitPaths.some((p) => target.orgPath!.startsWith(p));
  const { regionCode, orgPath } = actor.scope;
  if (regionCode && !isInRegion(target.regionCode, regionCode)) return false;
  if (orgPath && !(target.orgPath && target.orgPath.startsWith(orgPath))) return false;
  return true;
}

export function requireInScope(ctx: Ctx, target: ScopedTarget, what: string): void {
  if (!isInScope(ctx.actor, target)) throw outOfScope(what);
}

/** The scope to filter list queries by; null parts mean no restriction on that axis. */
export function listScope(ctx: Ctx): DataScope & { orgPaths?: string[] } {
  const a = ctx.actor;
  if (a.kind === 'user') return a.scope;
  if (a.kind === 'integration') return { regionCode: null, orgPath: null, orgPaths: a.unitPaths };
  if (a.kind === 'evaluator') return { regionCode: null, orgPath: null, orgPaths: [] };
  return { regionCode: null, orgPath: null };
}

export function auditActor(ctx: Ctx): Pick<AuditEntry, 'actorType' | 'actorId' | 'requestId'> {
  const a = ctx.actor;
  if (a.kind === 'evaluator') return { actorType: 'anonymous', actorId: `evaluator:${a.channel}`, requestId: ctx.requestId };
  const actorId = a.kind === 'user' ? `user:${a.userId}` : a.kind === 'integration' ? `integration:${a.integrationId}` : a.name;
  return { actorType: a.kind, actorId, requestId: ctx.requestId };
}
