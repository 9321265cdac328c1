import type { ItemType } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { Organisation, ServiceItem } from '../db/schema.ts';
import { conflict, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { ServiceItemRepository } from '../repositories/service-item.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

/** The content of one version of a service item. */
export interface ServiceItemContent {
  name: string;
  legalBasis?: string;
  itemType: ItemType;
  promisedDays: number;
  statutoryDays?: number | null;
  fee?: string;
  ownerUnitId: number;
  regionCode: string;
}

type Field = (f: string) => string;
const same: Field = (f) => f;

/** The columns a version is compared on; a change to any of them makes a new version. */
type Versioned = Pick<ServiceItem, 'name' | 'legal_basis' | 'item_type' | 'promised_days' | 'statutory_days' | 'fee' | 'owner_org_id' | 'region_code'>;

export function toVersioned(c: ServiceItemContent): Versioned {
  return {
    name: c.name.trim(),
    legal_basis: (c.legalBasis ?? '').trim(),
    item_type: c.itemType,
    promised_days: c.promisedDays,
    statutory_days: c.statutoryDays ?? null,
    fee: (c.fee ?? '').trim(),
    owner_org_id: c.ownerUnitId,
    region_code: c.regionCode,
  };
}

export function sameContent(a: Versioned, b: Versioned): boolean {
  return (Object.keys(b) as (keyof Versioned)[]).every((k) => a[k] === b[k]);
}

/**
 * Service items (政务服务事项), versioned. A change makes a new row and supersedes the old one in
 * the same transaction; cases keep pointing at the version they were handled under.
 */
export class ServiceItemService {
  constructor(
    private readonly db: Database,
    private readonly items: ServiceItemRepository,
    private readonly orgs: OrganisationRepository,
    private readonly regions: RegionRepository,
    private readonly audit: AuditRepository,
  ) {}

  list(ctx: Ctx, filter: { ownerUnitId?: number; regionCode?: string; itemType?: ItemType; q?: string; limit: number; offset: number }) {
    requirePermission(ctx, 'masterdata.read');
    return this.items.listCurrent(listScope(ctx), filter);
  }

  async get(ctx: Ctx, code: string) {
    requirePermission(ctx, 'masterdata.read');
    const item = await this.items.findCurrentByCode(code);
    if (!item) throw notFound('service item', 'code');
    requireInScope(ctx, { regionCode: item.region_code, orgPath: item.owner_path }, 'service item');
    return item;
  }

  async versions(ctx: Ctx, code: string) {
    await this.get(ctx, code);
    return this.items.versions(code);
  }

  /**
   * Checks a version's content: the owner is a unit, the region exists, the time limits agree, and
   * both the owner and the region lie in the actor's scope. The caller has checked the permission.
   */
  async checkContent(ctx: Ctx, c: ServiceItemContent, db: Executor = this.db, field: Field = same): Promise<Organisation> {
    if (!c.name.trim()) throw invalid(field('name'), 'must not be empty');
    if (c.statutoryDays != null && c.promisedDays > c.statutoryDays) throw invalid(field('promisedDays'), 'the promised time limit cannot exceed the statutory one');
    const owner = await this.orgs.find(c.ownerUnitId, db);
    if (!owner) throw unknownReference(field('ownerUnitId'), `no organisation ${c.ownerUnitId}`);
    if (owner.kind !== 'unit') throw invalid(field('ownerUnitId'), `organisation ${c.ownerUnitId} is a ${owner.kind}, not a unit`);
    if (!(await this.regions.find(c.regionCode, db))) throw unknownReference(field('regionCode'), `no region ${c.regionCode}`);
    requireInScope(ctx, { regionCode: owner.region_code, orgPath: owner.path }, 'owner unit');
    requireInScope(ctx, { regionCode: c.regionCode, orgPath: owner.path }, 'region');
    return owner;
  }

  async create(ctx: Ctx, code: string, content: ServiceItemContent) {
    requirePermission(ctx, 'item.write');
    await this.checkContent(ctx, content);
    if (await this.items.exists(code)) throw conflict(`service item ${code} already exists; change it with PUT to make a new version`, 'code');
    await this.db.transaction().execute(async (trx) => {
      const saved = await this.saveVersion(trx, code, undefined, content);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'item.create', targetType: 'service_item', targetId: code, detail: { id: saved.id, version: 1 } });
    });
    return this.get(ctx, code);
  }

  /** Replaces the content; a new version only when something changed. */
  async change(ctx: Ctx, code: string, content: ServiceItemContent) {
    requirePermission(ctx, 'item.write');
    const current = await this.get(ctx, code);
    await this.checkContent(ctx, content);
    if (sameContent(current, toVersioned(content))) return { item: current, changed: false };
    await this.db.transaction().execute(async (trx) => {
      const saved = await this.saveVersion(trx, code, current, content);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'item.version', targetType: 'service_item', targetId: code, detail: { id: saved.id, version: saved.version, previousId: current.id } });
    });
    return { item: await this.get(ctx, code), changed: true };
  }

  /**
   * Writes the next version inside the caller's transaction and supersedes `current`, or writes
   * version 1 when there is none. Content equal to `current` writes nothing.
   */
  async saveVersion(trx: Executor, code: string, current: ServiceItem | undefined, content: ServiceItemContent): Promise<{ id: number; version: number; changed: boolean }> {
    const next = toVersioned(content);
    if (current && sameContent(current, next)) return { id: current.id, version: current.version, changed: false };
    const at = new Date();
    if (current && !(await this.items.supersede(trx, current.id, at))) throw conflict(`service item ${code} was changed at the same time; try again`, 'code');
    const version = (current?.version ?? 0) + 1;
    const id = await this.items.insertVersion(trx, { ...next, item_code: code, version, created_at: at });
    return { id, version, changed: true };
  }
}
