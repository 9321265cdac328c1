import { ORG_KIND_NAMES, ORG_KINDS, canNestUnder, type OrganisationKind } from '@hcp/domain';
import type { Organisation } from '../../db/schema.ts';
import { atRow, type RowErrors } from '../../imports/row-errors.ts';
import { firstByKey, inChunks, readRows, type Importer, type PreparedImport } from '../../imports/importer.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import type { OrganisationRepository } from '../../repositories/organisation.repository.ts';
import type { RegionRepository } from '../../repositories/region.repository.ts';
import type { Ctx } from '../actor.ts';
import type { OrganisationService } from '../organisation.service.ts';
import { OUT_OF_SCOPE, inScope } from './references.ts';

type ParentRef = { id: number } | { kind: OrganisationKind; code: string; regionCode: string };

const read = (r: RowReader) => {
  const regionCode = r.regionCode('region_code', true);
  const parentKind = r.choice('parent_kind', ORG_KINDS, ORG_KIND_NAMES);
  const parentCode = r.text('parent_code', { max: 64 });
  const parentRegion = r.regionCode('parent_region_code');
  const parentId = r.id('parent_id');
  if (r.raw('parent_code') && !r.raw('parent_kind')) r.error('parent_kind', 'is required with parent_code');
  if (r.raw('parent_kind') && !r.raw('parent_code')) r.error('parent_code', 'is required with parent_kind');
  if (r.raw('parent_region_code') && !r.raw('parent_code')) r.error('parent_code', 'is required with parent_region_code');
  if (r.raw('parent_id') && r.raw('parent_code')) r.error('parent_id', 'give parent_id or parent_code, not both');
  const parent: ParentRef | null =
    parentId !== null ? { id: parentId }
    : parentKind && parentCode && regionCode ? { kind: parentKind, code: parentCode, regionCode: parentRegion ?? regionCode }
    : null;
  return {
    regionCode,
    kind: r.choice('kind', ORG_KINDS, ORG_KIND_NAMES, true),
    code: r.text('code', { required: true, max: 64 }),
    name: r.text('name', { required: true, max: 200 }),
    parent,
    active: r.bool('active'),
  };
};

type Row = ReturnType<typeof read> & { row: number };
interface Planned {
  r: Row;
  existing: Organisation | undefined;
  parent: { db: Organisation } | { file: Planned } | null;
}

const keyOf = (regionCode: string, kind: string, code: string) => `${regionCode}|${kind}|${code}`;
const parentColumn = (r: Row) => (r.parent && 'id' in r.parent ? 'parent_id' : 'parent_code');

/**
 * Organisations (单位、中心、大厅、站点、窗口): matched by region, kind and code. A parent is given by
 * its id, or by kind and code (region defaulting to the row's), in the database or anywhere in the file.
 * An existing organisation may be renamed or (de)activated here, not moved.
 */
export class OrganisationImporter implements Importer {
  readonly kind = 'organisations' as const;
  readonly permission = 'organisation.write' as const;
  readonly columns = [
    { key: 'region_code', label: '行政区划代码', required: true },
    { key: 'kind', label: '机构类型', required: true },
    { key: 'code', label: '机构编码', required: true },
    { key: 'name', label: '机构名称', required: true },
    { key: 'parent_kind', label: '上级机构类型' },
    { key: 'parent_code', label: '上级机构编码' },
    { key: 'parent_region_code', label: '上级机构区划代码' },
    { key: 'parent_id', label: '上级机构ID' },
    { key: 'active', label: '是否启用' },
  ];

  constructor(
    private readonly orgs: OrganisationRepository,
    private readonly regions: RegionRepository,
    private readonly service: OrganisationService,
  ) {}

  async prepare(ctx: Ctx, readers: RowReader[], errors: RowErrors): Promise<PreparedImport> {
    const { ok, all } = readRows(readers, read);
    const mentioned = new Set(all.filter((r) => r.regionCode && r.kind && r.code).map((r) => keyOf(r.regionCode!, r.kind!, r.code!)));
    const regionCodes = [...new Set(ok.flatMap((r) => [r.regionCode!, ...(r.parent && 'regionCode' in r.parent ? [r.parent.regionCode] : [])]))];
    const knownRegions = new Set((await inChunks(regionCodes, (s) => this.regions.findMany(s))).map((r) => r.code));
    const rows = ok.filter((r) => {
      if (!knownRegions.has(r.regionCode!)) errors.add(r.row, 'region_code', `no region ${r.regionCode}`);
      else if (!inScope(ctx, { regionCode: r.regionCode! })) errors.add(r.row, 'region_code', OUT_OF_SCOPE);
      else if (r.parent && 'regionCode' in r.parent && !knownRegions.has(r.parent.regionCode)) errors.add(r.row, 'parent_region_code', `no region ${r.parent.regionCode}`);
      else return true;
      return false;
    });
    const inFile = firstByKey(rows, (r) => keyOf(r.regionCode!, r.kind!, r.code!), 'code', errors);
    const db = await this.load([...inFile.values()]);

    const planned = new Map<Row, Planned>([...inFile.values()].map((r) => [r, { r, existing: db.byKey.get(keyOf(r.regionCode!, r.kind!, r.code!)), parent: null }]));
    for (const p of planned.values()) this.resolveParent(p, planned, inFile, db, mentioned, errors);
    for (const p of planned.values()) this.checkPlacement(ctx, p, errors);

    return {
      apply: async (trx) => {
        const counts = { inserted: 0, updated: 0, unchanged: 0 };
        const ids = new Map<Planned, number>();
        const write = async (p: Planned): Promise<number> => {
          const done = ids.get(p);
          if (done !== undefined) return done;
          const { r, existing } = p;
          if (existing) {
            const values = { name: r.name!, ...(r.active !== null ? { active: r.active } : {}) };
            if (values.name === existing.name && (values.active === undefined || values.active === existing.active)) counts.unchanged++;
            else {
              await this.orgs.update(trx, existing.id, values);
              counts.updated++;
            }
            ids.set(p, existing.id);
            return existing.id;
          }
          // Parents first: a parent defined further down the file is written before its children.
          const parentId = !p.parent ? null : 'db' in p.parent ? p.parent.db.id : await write(p.parent.file);
          const column = (f: string | undefined) => (f === 'parentId' ? parentColumn(r) : f === 'regionCode' ? 'region_code' : f);
          const created = await atRow(r.row, column, () => this.service.insertChecked(ctx, trx, { regionCode: r.regionCode!, parentId, kind: r.kind!, code: r.code!, name: r.name! }));
          if (r.active === false) await this.orgs.update(trx, created.id, { active: false });
          counts.inserted++;
          ids.set(p, created.id);
          return created.id;
        };
        for (const p of planned.values()) await write(p);
        return counts;
      },
    };
  }

  /** Every organisation the rows name, as themselves or as parents, in a few queries. */
  private async load(rows: Row[]) {
    const refs = [...rows.map((r) => ({ kind: r.kind!, code: r.code! })), ...rows.flatMap((r) => (r.parent && 'code' in r.parent ? [r.parent] : []))];
    const byKey = new Map<string, Organisation>();
    for (const kind of ORG_KINDS) {
      const codes = [...new Set(refs.filter((x) => x.kind === kind).map((x) => x.code))];
      for (const o of await inChunks(codes, (s) => this.orgs.findByKindAndCodes(kind, s))) byKey.set(keyOf(o.region_code, o.kind, o.code!), o);
    }
    const ids = [...new Set(rows.flatMap((r) => (r.parent && 'id' in r.parent ? [r.parent.id] : [])))];
    const byId = new Map((await inChunks(ids, (s) => this.orgs.findMany(s))).map((o) => [o.id, o]));
    return { byKey, byId };
  }

  private resolveParent(p: Planned, planned: Map<Row, Planned>, inFile: Map<string, Row>, db: { byKey: Map<string, Organisation>; byId: Map<number, Organisation> }, mentioned: Set<string>, errors: RowErrors) {
    const ref = p.r.parent;
    if (!ref) return;
    if ('id' in ref) {
      const org = db.byId.get(ref.id);
      if (org) p.parent = { db: org };
      else errors.add(p.r.row, 'parent_id', `no organisation ${ref.id}`);
      return;
    }
    const key = keyOf(ref.regionCode, ref.kind, ref.code);
    const fileRow = inFile.get(key);
    if (fileRow === p.r) errors.add(p.r.row, 'parent_code', 'an organisation cannot be its own parent');
    else if (fileRow) p.parent = { file: planned.get(fileRow)! };
    else if (db.byKey.has(key)) p.parent = { db: db.byKey.get(key)! };
    // A parent row with errors of its own is reported there, not again here.
    else if (!mentioned.has(key)) errors.add(p.r.row, 'parent_code', `no ${ref.kind} with code ${ref.code} in region ${ref.regionCode}, in the file or the database`);
  }

  /** Nesting rules, no loops, no moves of existing organisations, and the data scope. */
  private checkPlacement(ctx: Ctx, p: Planned, errors: RowErrors) {
    const { r, existing } = p;
    // A parent that could not be found is reported already; its kind and place are unknown.
    if (r.parent && !p.parent) return;
    if (existing) {
      if (!inScope(ctx, { regionCode: existing.region_code, orgPath: existing.path })) errors.add(r.row, 'code', OUT_OF_SCOPE);
      else if (p.parent) {
        const parentId = 'db' in p.parent ? p.parent.db.id : p.parent.file.existing?.id;
        if (parentId !== existing.parent_id) errors.add(r.row, parentColumn(r), 'differs from the current parent: an existing organisation cannot be moved by import');
      }
      return;
    }
    const parentKind = !p.parent ? null : 'db' in p.parent ? p.parent.db.kind : p.parent.file.r.kind!;
    if (!canNestUnder(r.kind!, parentKind)) {
      errors.add(r.row, r.parent ? parentColumn(r) : 'kind', `a ${r.kind} cannot sit ${parentKind ? `under a ${parentKind}` : 'at the top of the tree'}`);
      return;
    }
    // The nearest ancestor already in the database decides the organisation-path scope.
    const seen = new Set<Planned>([p]);
    let cur = p;
    while (cur.parent && 'file' in cur.parent && !cur.existing) {
      cur = cur.parent.file;
      if (seen.has(cur)) {
        if (cur === p) errors.add(r.row, 'parent_code', 'the chain of parents in the file loops back to this row');
        return;
      }
      seen.add(cur);
    }
    const anchor = cur.existing ?? (cur.parent && 'db' in cur.parent ? cur.parent.db : null);
    if (!inScope(ctx, { regionCode: r.regionCode!, orgPath: anchor?.path ?? null })) errors.add(r.row, r.parent ? parentColumn(r) : 'region_code', OUT_OF_SCOPE);
  }
}
