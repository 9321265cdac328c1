import { isValidParent, normaliseRegionCode, regionLevelOf } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { invalid, notFound, unknownReference, conflict } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import { auditActor, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface RegionInput {
  code: string;
  name: string;
  parentCode?: string | null;
}

/** Regions (行政区划). Their names and codes are public, so every staff member may read the tree. */
export class RegionService {
  constructor(
    private readonly db: Database,
    private readonly regions: RegionRepository,
    private readonly audit: AuditRepository,
  ) {}

  list(ctx: Ctx, filter: { parentCode?: string | null; q?: string; limit: number; offset: number }) {
    requirePermission(ctx, 'masterdata.read');
    const parentCode = filter.parentCode ? this.code(filter.parentCode, 'parentCode') : filter.parentCode;
    return this.regions.list({ ...filter, parentCode });
  }

  async get(ctx: Ctx, rawCode: string) {
    requirePermission(ctx, 'masterdata.read');
    const region = await this.regions.find(this.code(rawCode, 'code'));
    if (!region) throw notFound('region', 'code');
    return { ...region, path: await this.regions.ancestors(region.code) };
  }

  code(raw: string, field: string): string {
    const code = normaliseRegionCode(raw);
    if (!code) throw invalid(field, 'a region code has 6, 9 or 12 digits (GB/T 2260)');
    return code;
  }

  /** Checks a batch of new or changed regions against each other and the database. */
  async validate(inputs: RegionInput[], field = (i: number, f: string) => `${i}.${f}`) {
    const rows = inputs.map((r, i) => {
      const code = this.code(r.code, field(i, 'code'));
      const parentCode = r.parentCode ? this.code(r.parentCode, field(i, 'parentCode')) : null;
      const name = r.name.trim();
      if (!name) throw invalid(field(i, 'name'), 'must not be empty');
      const level = regionLevelOf(code);
      if (level > 1 && !parentCode) throw invalid(field(i, 'parentCode'), 'only a province has no parent');
      if (parentCode && !isValidParent(code, parentCode)) throw invalid(field(i, 'parentCode'), `${parentCode} cannot be the parent of ${code}`);
      return { code, name, level, parent_code: parentCode };
    });
    const inBatch = new Set(rows.map((r) => r.code));
    if (inBatch.size !== rows.length) throw conflict('the same region code appears twice', 'code');
    const parents = [...new Set(rows.map((r) => r.parent_code).filter((p): p is string => !!p && !inBatch.has(p)))];
    const known = new Set((await this.regions.findMany(parents)).map((r) => r.code));
    rows.forEach((r, i) => {
      if (r.parent_code && !inBatch.has(r.parent_code) && !known.has(r.parent_code)) throw unknownReference(field(i, 'parentCode'), `no region ${r.parent_code}`);
    });
    // Parents first, so the foreign key holds inside one statement.
    return rows.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
  }

  async save(ctx: Ctx, inputs: RegionInput[]) {
    requirePermission(ctx, 'region.write');
    const rows = await this.validate(inputs);
    for (const r of rows) requireInScope(ctx, { regionCode: r.code }, `region ${r.code}`);
    await this.db.transaction().execute(async (trx) => {
      await this.regions.upsert(trx, rows);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'region.save', targetType: 'region', targetId: rows.length === 1 ? rows[0]!.code : null, detail: { codes: rows.map((r) => r.code).slice(0, 100), count: rows.length } });
    });
    return rows;
  }

  async rename(ctx: Ctx, rawCode: string, name: string) {
    requirePermission(ctx, 'region.write');
    const code = this.code(rawCode, 'code');
    requireInScope(ctx, { regionCode: code }, 'region');
    if (!(await this.regions.find(code))) throw notFound('region', 'code');
    await this.db.transaction().execute(async (trx) => {
      await this.regions.rename(trx, code, name);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'region.rename', targetType: 'region', targetId: code, detail: { name } });
    });
  }
}
