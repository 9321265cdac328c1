import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { AppError, conflict, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { IntegrationRepository } from '../repositories/integration.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, requirePermission, type Actor, type Ctx } from './actor.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function newKey() {
  const keyId = `hk_${randomBytes(9).toString('base64url')}`;
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, apiKey: `${keyId}.${secret}` };
}

/**
 * API keys for the approval systems (业务办理系统) that push cases: one per system, scoped to its
 * units. The secret is shown once; we keep its hash to authenticate and an encrypted copy to sign
 * and verify the evaluation links the system hands to its users.
 */
export class IntegrationService {
  constructor(
    private readonly db: Database,
    private readonly integrations: IntegrationRepository,
    private readonly orgs: OrganisationRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditRepository,
  ) {}

  /** Resolves "Bearer <keyId>.<secret>" to an actor, or undefined for any unknown or wrong key. */
  async authenticate(apiKey: string): Promise<Actor | undefined> {
    const [keyId, secret] = apiKey.split('.');
    if (!keyId || !secret) return undefined;
    const row = await this.integrations.findByKeyId(keyId);
    if (!row) return undefined;
    const given = Buffer.from(sha256(secret), 'hex');
    if (!timingSafeEqual(given, Buffer.from(row.secret_hash, 'hex'))) return undefined;
    await this.integrations.touch(row.id, new Date());
    return { kind: 'integration', integrationId: row.id, name: row.name, unitPaths: row.units.map((u) => u.path) };
  }

  /** The plain secret, to check HMAC signatures made with it. */
  async secretOf(id: number): Promise<string> {
    const row = await this.integrations.find(id);
    if (!row) throw notFound('integration');
    return this.cipher.decrypt(row.secret_enc);
  }

  list(ctx: Ctx) {
    requirePermission(ctx, 'integration.manage');
    return this.integrations.list();
  }

  private async checkUnits(unitIds: number[]) {
    for (const [i, id] of unitIds.entries()) {
      const org = await this.orgs.find(id);
      if (!org) throw unknownReference(`unitIds.${i}`, `no organisation ${id}`);
      if (org.kind !== 'unit') throw invalid(`unitIds.${i}`, `organisation ${id} is a ${org.kind}, not a unit`);
    }
  }

  async create(ctx: Ctx, input: { name: string; unitIds: number[] }) {
    requirePermission(ctx, 'integration.manage');
    if (!input.name.trim()) throw invalid('name', 'must not be empty');
    if (await this.integrations.findByName(input.name)) throw conflict('an integration with this name exists', 'name');
    await this.checkUnits(input.unitIds);
    const key = newKey();
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await this.integrations.insert(trx, { name: input.name, keyId: key.keyId, secretHash: sha256(key.secret), secretEnc: this.cipher.encrypt(key.secret) });
      await this.integrations.setUnits(trx, id, input.unitIds);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'integration.create', targetType: 'integration', targetId: id, detail: { name: input.name, unitIds: input.unitIds } });
      return id;
    });
    return { id, keyId: key.keyId, apiKey: key.apiKey };
  }

  async update(ctx: Ctx, id: number, patch: { unitIds?: number[]; active?: boolean; rotate?: boolean }) {
    requirePermission(ctx, 'integration.manage');
    if (!(await this.integrations.find(id))) throw notFound('integration', 'id');
    if (patch.unitIds) await this.checkUnits(patch.unitIds);
    const key = patch.rotate ? newKey() : undefined;
    await this.db.transaction().execute(async (trx) => {
      await this.integrations.update(trx, id, {
        ...(key ? { keyId: key.keyId, secretHash: sha256(key.secret), secretEnc: this.cipher.encrypt(key.secret) } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      });
      if (patch.unitIds) await this.integrations.setUnits(trx, id, patch.unitIds);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'integration.update', targetType: 'integration', targetId: id, detail: { ...patch } });
    });
    if (key) return { id, keyId: key.keyId, apiKey: key.apiKey };
    return { id };
  }
}

export const requireIntegration = (ctx: Ctx) => {
  if (ctx.actor.kind !== 'integration') throw new AppError('FORBIDDEN', 'this endpoint is for integration API keys');
  return ctx.actor;
};
