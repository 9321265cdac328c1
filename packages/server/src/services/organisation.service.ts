import { canNestUnder, type OrganisationKind } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { conflict, invalid, notFound, outOfScope, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { Executor } from '../repositories/audit.repository.ts';
import { auditActor, isInScope, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface OrganisationInput {
  regionCode: string;
  parentId?: number | null;
  kind: OrganisationKind;
  code?: string | null;
  name: string;
}

/** The organisation tree (单位、中心、大厅、站点、窗口). */
export class OrganisationService {
  constructor(
    private readonly db: Database,
    private readonly orgs: OrganisationRepository,
    private readonly regions: RegionRepository,
    private readonly audit: AuditRepository,
  ) {}

  list(ctx: Ctx, filter: { regionCode?: string; parentId?: number | null; kind?: OrganisationKind; q?: string; under?: number; limit: number; offset: number }) {
    requirePermission(ctx, 'masterdata.read');
    return (async () => {
      let under: string | undefined;
      if (filter.under !== undefined) {
        const root = await this.get(ctx, filter.under);
        under = root.path;
      }
      const { under: _u, ...rest } = filter;
      return this.orgs.list(listScope(ctx), { ...rest, ...(under ? { under } : {}) });
    })();
  }

  /**
   * One organisation in the caller's scope. Also a window the caller's own staff record works at: a
   * hall's windows lie outside a unit's subtree, and a window clerk still sees where they serve.
   */
  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'masterdata.read');
    const org = await this.orgs.find(id);
    if (!org) throw notFound('organisation', 'id');
    if (isInScope(ctx.actor, { regionCode: org.region_code, orgPath: org.path })) return org;
    const a = ctx.actor;
    if (a.kind === 'user' && a.staffId !== null && org.kind === 'window' && (await this.orgs.staffWorksAt(a.staffId, org.id))) return org;
    throw outOfScope('organisation');
  }

  /** Validates one organisation and inserts it; used by the API and by imports inside their transaction. */
  async insertChecked(ctx: Ctx, trx: Executor, input: OrganisationInput, field: (f: string) => string = (f) => f) {
    const region = await this.regions.find(input.regionCode, trx);
    if (!region) throw unknownReference(field('regionCode'), `no region ${input.regionCode}`);
    let parentPath = '';
    let parentKind: OrganisationKind | null = null;
    if (input.parentId) {
      const parent = await this.orgs.find(input.parentId, trx);
      if (!parent) throw unknownReference(field('parentId'), `no organisation ${input.parentId}`);
      parentPath = parent.path;
      parentKind = parent.kind;
    }
    if (!canNestUnder(input.kind, parentKind)) {
      throw invalid(field('parentId'), `a ${input.kind} cannot sit ${parentKind ? `under a ${parentKind}` : 'at the top of the tree'}`);
    }
    // Insert-then-check: the new path is what the scope check needs.
    requireInScope(ctx, { regionCode: region.code, orgPath: parentPath || null }, 'parent organisation');
    if (input.code && (await this.orgs.findByCode(region.code, input.kind, input.code, trx))) {
      throw conflict(`a ${input.kind} with code ${input.code} already exists in this region`, field('code'));
    }
    const created = await this.orgs.insert(trx, { region_code: region.code, parent_id: input.parentId ?? null, kind: input.kind, code: input.code ?? null, name: input.name.trim() }, parentPath);
    requireInScope(ctx, { regionCode: region.code, orgPath: created.path }, 'organisation');
    return created;
  }

  async create(ctx: Ctx, input: OrganisationInput) {
    requirePermission(ctx, 'organisation.write');
    const id = await this.db.transaction().execute(async (trx) => {
      const created = await this.insertChecked(ctx, trx, input);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'organisation.create', targetType: 'organisation', targetId: created.id, detail: { ...input } });
      return created.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: Ctx, id: number, patch: { name?: string; code?: string | null; active?: boolean }) {
    requirePermission(ctx, 'organisation.write');
    const org = await this.get(ctx, id);
    if (patch.name !== undefined && !patch.name.trim()) throw invalid('name', 'must not be empty');
    if (patch.code && patch.code !== org.code && (await this.orgs.findByCode(org.region_code, org.kind, patch.code))) {
      throw conflict(`a ${org.kind} with code ${patch.code} already exists in this region`, 'code');
    }
    await this.db.transaction().execute(async (trx) => {
      await this.orgs.update(trx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'organisation.update', targetType: 'organisation', targetId: id, detail: patch });
    });
    return this.get(ctx, id);
  }
}
