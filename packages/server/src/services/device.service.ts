import { createHash, randomBytes, randomInt } from 'node:crypto';
import { isInRegion, normalisePairingCode } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { Organisation } from '../db/schema.ts';
import { AppError, conflict, invalid, notFound, outOfScope, unknownReference } from '../errors.ts';
import { NATIONAL_REGION } from '../repositories/evaluation.repository.ts';
import type { PublicRateLimiter } from './public-rate-limit.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { DeviceRepository, DeviceWithWindow } from '../repositories/device.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import { auditActor, evaluatorCtx, listScope, requirePermission, type Actor, type Ctx } from './actor.ts';
import type { EvaluationService } from './evaluation.service.ts';
import { staffPhotoUrl } from './staff.service.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Codes are short-lived and one-time; the hash only keeps a database reader from pairing a device. */
export const pairingCodeHash = (code: string) => sha256(`device-pairing:${code}`);
export const deviceTokenHash = (token: string) => sha256(`device-token:${token}`);

/** Tells open event streams that something about a device changed on this instance. */
export interface DeviceNotifier {
  notify(deviceId: number): void;
}

/**
 * The context of the evaluator at a device: no permission and no scope, recorded as the channel
 * `device:<id>`. Pairing, done by an administrator at the tablet, is recorded as the device itself.
 */
export const deviceEvaluatorCtx = (deviceId: number, requestId: string): Ctx => evaluatorCtx(`device:${deviceId}`, requestId);
const deviceSelfCtx = (deviceId: number, requestId: string): Ctx => ({ actor: { kind: 'system', name: `device:${deviceId}` }, requestId });

/**
 * Whether a window lies in an actor's data scope. Windows sit in the hall's tree, so besides the
 * window's own region and path, an organisation scope covers the windows its units' staff work at
 * (the units stationed there); an API key covers those of its units.
 */
export function windowInScope(actor: Actor, window: Pick<Organisation, 'region_code' | 'path'>, stationedUnitPaths: string[]): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user' && actor.kind !== 'integration') return false;
  const under = (root: string) => window.path.startsWith(root) || stationedUnitPaths.some((p) => p.startsWith(root));
  if (actor.kind === 'integration') return actor.unitPaths.some(under);
  const { regionCode, orgPath } = actor.scope;
  if (regionCode && !isInRegion(window.region_code, regionCode)) return false;
  return !orgPath || under(orgPath);
}

export interface IdleState {
  deviceId: number;
  deviceName: string;
  window: { id: number; name: string; hall: string | null };
  staff: { name: string; employeeNo: string; title: string | null; photoUrl: string | null }[];
}

/**
 * Window rating devices (评价器): registered by an administrator for one window, paired once with a
 * short-lived six-digit code, then authenticated by a long random token kept only as a hash.
 */
export class DeviceService {
  constructor(
    private readonly db: Database,
    private readonly devices: DeviceRepository,
    private readonly orgs: OrganisationRepository,
    private readonly evaluations: EvaluationService,
    private readonly audit: AuditRepository,
    private readonly notifier: DeviceNotifier,
    private readonly limiter: PublicRateLimiter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A window the actor may put a device at or ask a device at to show the rating screen; `alsoIf`
   * admits a window outside the actor's scope for a reason the caller knows (the case's region).
   */
  async windowFor(ctx: Ctx, windowId: number, field: string, alsoIf?: (window: Organisation) => boolean): Promise<Organisation> {
    const window = await this.orgs.find(windowId);
    if (!window) throw unknownReference(field, `no organisation ${windowId}`);
    if (window.kind !== 'window') throw invalid(field, `organisation ${windowId} is a ${window.kind}, not a window`);
    if (!windowInScope(ctx.actor, window, await this.devices.stationedUnitPaths(window.id)) && !alsoIf?.(window)) throw outOfScope(`window ${windowId}`);
    return window;
  }

  private async findInScope(ctx: Ctx, id: number): Promise<DeviceWithWindow> {
    const d = await this.devices.find(id);
    if (!d) throw notFound('device', 'id');
    if (!windowInScope(ctx.actor, { region_code: d.window_region_code, path: d.window_path }, await this.devices.stationedUnitPaths(d.window_id))) throw outOfScope('device');
    return d;
  }

  /** A fresh code that no live pairing uses; a stale code holding the same hash is cleared. */
  private async freshCode(regionCode: string) {
    const minutes = (await this.evaluations.policyFor(regionCode)).policy.devicePairingMinutes;
    for (;;) {
      const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
      const hash = pairingCodeHash(code);
      const holder = await this.devices.findByPairingHash(hash);
      if (holder && holder.pairing_expires_at && holder.pairing_expires_at.getTime() > this.now().getTime()) continue;
      if (holder) await this.devices.update(this.db, holder.id, { pairing_code_hash: null, pairing_expires_at: null });
      return { code, hash, expiresAt: new Date(this.now().getTime() + minutes * 60_000) };
    }
  }

  async create(ctx: Ctx, input: { windowId: number; name: string }) {
    requirePermission(ctx, 'device.manage');
    const name = input.name.trim();
    if (!name) throw invalid('name', 'must not be empty');
    const window = await this.windowFor(ctx, input.windowId, 'windowId');
    if (await this.devices.activeForWindow(window.id)) throw conflict(`window ${window.id} has an active device; issue it a new pairing code or switch it off first`, 'windowId');
    const fresh = await this.freshCode(window.region_code);
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await this.devices.insert(trx, {
        window_id: window.id,
        name,
        pairing_code_hash: fresh.hash,
        pairing_expires_at: fresh.expiresAt,
        created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'device.create', targetType: 'device', targetId: id, detail: { windowId: window.id, name } });
      return id;
    });
    return { device: (await this.devices.find(id))!, pairingCode: fresh.code, pairingExpiresAt: fresh.expiresAt };
  }

  async list(ctx: Ctx, filter: { windowId?: number; limit: number; offset: number }) {
    requirePermission(ctx, 'device.manage');
    return this.devices.list(listScope(ctx), filter);
  }

  /** A new one-time code; the tablet paired so far loses its token and must be paired again. */
  async newPairingCode(ctx: Ctx, id: number) {
    requirePermission(ctx, 'device.manage');
    const d = await this.findInScope(ctx, id);
    if (!d.active) throw conflict('the device is switched off; switch it on first', 'id');
    const fresh = await this.freshCode(d.window_region_code);
    await this.db.transaction().execute(async (trx) => {
      await this.devices.update(trx, id, { pairing_code_hash: fresh.hash, pairing_expires_at: fresh.expiresAt, token_hash: null, paired_at: null });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'device.pairing_code', targetType: 'device', targetId: id, detail: { unpaired: !!d.token_hash } });
    });
    this.notifier.notify(id);
    return { device: (await this.devices.find(id))!, pairingCode: fresh.code, pairingExpiresAt: fresh.expiresAt };
  }

  async update(ctx: Ctx, id: number, patch: { name?: string; active?: boolean }) {
    requirePermission(ctx, 'device.manage');
    const d = await this.findInScope(ctx, id);
    const name = patch.name?.trim();
    if (patch.name !== undefined && !name) throw invalid('name', 'must not be empty');
    if (patch.active === true && !d.active) {
      const other = await this.devices.activeForWindow(d.window_id);
      if (other) throw conflict(`window ${d.window_id} has another active device (${other.id})`, 'active');
    }
    await this.db.transaction().execute(async (trx) => {
      await this.devices.update(trx, id, { ...(name ? { name } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}) });
      // A device switched off shows nothing more: what it was asked to show is withdrawn.
      const cancelled = patch.active === false ? await this.devices.cancelOpen(trx, id, this.now()) : [];
      await this.audit.append(trx, { ...auditActor(ctx), action: 'device.update', targetType: 'device', targetId: id, detail: { ...patch, cancelledRequests: cancelled } });
    });
    this.notifier.notify(id);
    return (await this.devices.find(id))!;
  }

  /**
   * Pairs the tablet that shows this code: the code is spent, the device gets a token it keeps. A code
   * that is unknown, used, expired or of a switched-off device answers 410 with what to do.
   */
  async pair(input: string, requestId: string, ip: string): Promise<{ token: string; device: DeviceWithWindow }> {
    // Six digits can be guessed by brute force within a code's life; attempts are counted per address.
    const national = await this.evaluations.policyFor(NATIONAL_REGION);
    await this.limiter.take('pair:ip', this.limiter.ipHash(ip), national.policy.devicePairPerIpPerHour, this.now());
    const code = normalisePairingCode(input);
    if (!code) throw invalid('code', 'the pairing code has six digits');
    const hash = pairingCodeHash(code);
    const d = await this.devices.findByPairingHash(hash);
    if (!d || !d.active) throw new AppError('TOKEN_INVALID', 'unknown or already used pairing code; ask your administrator for a new one', 'code');
    if (!d.pairing_expires_at || d.pairing_expires_at.getTime() <= this.now().getTime()) {
      throw new AppError('TOKEN_INVALID', 'this pairing code has expired; ask your administrator for a new one', 'code');
    }
    const token = `dv_${randomBytes(32).toString('base64url')}`;
    const claimed = await this.db.transaction().execute(async (trx) => {
      // Only the first of two tablets typing the same code at the same instant gets the device.
      const row = await this.devices.claimPairing(trx, d.id, hash, deviceTokenHash(token), this.now());
      if (!row) return false;
      await this.audit.append(trx, { ...auditActor(deviceSelfCtx(d.id, requestId)), action: 'device.pair', targetType: 'device', targetId: d.id, detail: { windowId: d.window_id } });
      return true;
    });
    if (!claimed) throw new AppError('TOKEN_INVALID', 'this pairing code was used a moment ago', 'code');
    this.notifier.notify(d.id);
    return { token, device: (await this.devices.find(d.id))! };
  }

  /** The device holding this token, if it is paired and switched on. */
  async authenticate(token: string): Promise<DeviceWithWindow | undefined> {
    if (!/^dv_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const d = await this.devices.findByTokenHash(deviceTokenHash(token));
    if (!d || !d.active) return undefined;
    await this.devices.touch([d.id], this.now());
    return d;
  }

  /** What the idle screen shows: the window, its hall and the staff on duty there. */
  async idleState(deviceId: number): Promise<IdleState> {
    const d = await this.devices.find(deviceId);
    if (!d) throw notFound('device');
    const staff = await this.devices.windowStaff(d.window_id);
    return {
      deviceId: d.id,
      deviceName: d.name,
      window: { id: d.window_id, name: d.window_name, hall: d.hall_name },
      staff: staff.map((s) => ({ name: s.name, employeeNo: s.employee_no, title: s.title, photoUrl: s.photo_sha256 ? staffPhotoUrl(s.id, s.photo_sha256) : s.photo_url })),
    };
  }
}
