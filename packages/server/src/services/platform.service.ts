import type { PlatformKind } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { conflict, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { PlatformRepository } from '../repositories/platform.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface PlatformInput {
  regionCode: string;
  kind: PlatformKind;
  code: string;
  name: string;
  url?: string | null;
  active?: boolean;
}

export type PlatformPatch = Partial<Pick<PlatformInput, 'kind' | 'code' | 'name' | 'url' | 'active'>>;

/** Platforms (政务服务平台): business systems, portals, apps, mini-programs, terminals, hotlines. */
export class PlatformService {
  constructor(
    private readonly db: Database,
    private readonly platforms: PlatformRepository,
    private readonly regions: RegionRepository,
    private readonly audit: AuditRepository,
  ) {}

  list(ctx: Ctx, filter: { regionCode?: string; kind?: PlatformKind; q?: string; limit: number; offset: number }) {
    requirePermission(ctx, 'masterdata.read');
    return this.platforms.list(listScope(ctx), filter);
  }

  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'masterdata.read');
    const p = await this.platforms.find(id);
    if (!p) throw notFound('platform', 'id');
    requireInScope(ctx, { regionCode: p.region_code }, 'platform');
    return p;
  }

  async create(ctx: Ctx, input: PlatformInput) {
    requirePermission(ctx, 'platform.write');
    requireInScope(ctx, { regionCode: input.regionCode }, 'region');
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await this.insertChecked(trx, input);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'platform.create', targetType: 'platform', targetId: id, detail: { ...input } });
      return id;
    });
    return this.get(ctx, id);
  }

  /** Checks references and uniqueness, then inserts; the caller has checked permission and scope. */
  async insertChecked(trx: Executor, input: PlatformInput, field: (f: string) => string = (f) => f) {
    if (!input.name.trim()) throw invalid(field('name'), 'must not be empty');
    if (!(await this.regions.find(input.regionCode, trx))) throw unknownReference(field('regionCode'), `no region ${input.regionCode}`);
    if (await this.platforms.findByCode(input.regionCode, input.code, trx)) throw conflict(`a platform with code ${input.code} already exists in this region`, field('code'));
    return this.platforms.insert(trx, {
      region_code: input.regionCode,
      kind: input.kind,
      code: input.code,
      name: input.name.trim(),
      url: input.url ?? null,
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
  }

  async update(ctx: Ctx, id: number, patch: PlatformPatch) {
    requirePermission(ctx, 'platform.write');
    const p = await this.get(ctx, id);
    if (patch.name !== undefined && !patch.name.trim()) throw invalid('name', 'must not be empty');
    if (patch.code && patch.code !== p.code && (await this.platforms.findByCode(p.region_code, patch.code))) {
      throw conflict(`a platform with code ${patch.code} already exists in this region`, 'code');
    }
    await this.db.transaction().execute(async (trx) => {
      await this.platforms.update(trx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'platform.update', targetType: 'platform', targetId: id, detail: { ...patch } });
    });
    return this.get(ctx, id);
  }
}
