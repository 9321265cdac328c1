import { ITEM_CODE_PATTERN, ITEM_TYPE_NAMES, ITEM_TYPES, type ItemType } from '@hcp/domain';
import type { Organisation } from '../../db/schema.ts';
import { atRow, type RowErrors } from '../../imports/row-errors.ts';
import { firstByKey, inChunks, readRows, type Importer, type PreparedImport } from '../../imports/importer.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import type { OrganisationRepository } from '../../repositories/organisation.repository.ts';
import type { RegionRepository } from '../../repositories/region.repository.ts';
import type { ServiceItemRepository } from '../../repositories/service-item.repository.ts';
import type { Ctx } from '../actor.ts';
import type { ServiceItemContent, ServiceItemService } from '../service-item.service.ts';
import { OUT_OF_SCOPE, inScope, orgResolver } from './references.ts';

const ITEM_CODE = new RegExp(ITEM_CODE_PATTERN);

const read = (r: RowReader) => {
  const promisedDays = r.int('promised_days', { required: true, min: 0, max: 3650 });
  const statutoryDays = r.int('statutory_days', { min: 0, max: 3650 });
  if (promisedDays !== null && statutoryDays !== null && promisedDays > statutoryDays) r.error('promised_days', 'the promised time limit cannot exceed the statutory one');
  if (!r.raw('owner_unit_id') && !r.raw('owner_unit_code')) r.error('owner_unit_code', 'give the owner unit by owner_unit_code or owner_unit_id');
  return {
    itemCode: r.text('item_code', { required: true, max: 64, pattern: ITEM_CODE, patternHint: 'may hold letters, digits, ".", "_" and "-" only' }),
    name: r.text('name', { required: true, max: 200 }),
    itemType: r.choice('item_type', ITEM_TYPES, ITEM_TYPE_NAMES, true),
    promisedDays,
    statutoryDays,
    legalBasis: r.text('legal_basis', { max: 10_000 }),
    fee: r.text('fee', { max: 200 }),
    owner: { id: r.id('owner_unit_id'), code: r.text('owner_unit_code', { max: 64 }), regionCode: r.regionCode('owner_unit_region_code') },
    regionCode: r.regionCode('region_code', true),
    // Optional columns left out of the file keep the current version's values.
    has: { legalBasis: r.has('legal_basis'), fee: r.has('fee'), statutoryDays: r.has('statutory_days') },
  };
};

const ownerColumn = (r: { owner: { id: number | null } }) => (r.owner.id !== null ? 'owner_unit_id' : 'owner_unit_code');

/** Service items (政务服务事项): matched by item code; changed content becomes a new version. */
export class ServiceItemImporter implements Importer {
  readonly kind = 'service-items' as const;
  readonly permission = 'item.write' as const;
  readonly columns = [
    { key: 'item_code', label: '事项编码', required: true },
    { key: 'name', label: '事项名称', required: true },
    { key: 'item_type', label: '事项类型', required: true },
    { key: 'legal_basis', label: '设定依据' },
    { key: 'promised_days', label: '承诺办结时限(工作日)', required: true },
    { key: 'statutory_days', label: '法定办结时限(工作日)' },
    { key: 'fee', label: '收费标准' },
    { key: 'owner_unit_id', label: '实施主体ID', oneOf: 'owner' },
    { key: 'owner_unit_code', label: '实施主体编码', oneOf: 'owner' },
    { key: 'owner_unit_region_code', label: '实施主体区划代码' },
    { key: 'region_code', label: '行政区划代码', required: true },
  ];

  constructor(
    private readonly items: ServiceItemRepository,
    private readonly orgs: OrganisationRepository,
    private readonly regions: RegionRepository,
    private readonly service: ServiceItemService,
  ) {}

  async prepare(ctx: Ctx, readers: RowReader[], errors: RowErrors): Promise<PreparedImport> {
    const rows = readRows(readers, read).ok;
    const known = new Set((await inChunks([...new Set(rows.map((r) => r.regionCode!))], (s) => this.regions.findMany(s))).map((r) => r.code));
    const resolveOwner = await orgResolver(this.orgs, 'unit', rows.map((r) => r.owner));
    const checked: ((typeof rows)[number] & { ownerOrg: Organisation })[] = [];
    for (const r of rows) {
      const res = resolveOwner(r.owner, r.regionCode);
      if (!known.has(r.regionCode!)) errors.add(r.row, 'region_code', `no region ${r.regionCode}`);
      else if (!('org' in res)) errors.add(r.row, res.which === 'id' ? 'owner_unit_id' : 'owner_unit_code', res.reason);
      else if (!inScope(ctx, { regionCode: res.org.region_code, orgPath: res.org.path })) errors.add(r.row, ownerColumn(r), OUT_OF_SCOPE);
      else if (!inScope(ctx, { regionCode: r.regionCode!, orgPath: res.org.path })) errors.add(r.row, 'region_code', OUT_OF_SCOPE);
      else checked.push({ ...r, ownerOrg: res.org });
    }
    const unique = [...firstByKey(checked, (r) => r.itemCode!, 'item_code', errors).values()];
    const current = new Map((await inChunks(unique.map((r) => r.itemCode!), (s) => this.items.findCurrentByCodes(s))).map((i) => [i.item_code, i]));
    const planned = unique.flatMap((r) => {
      const cur = current.get(r.itemCode!);
      if (cur && !inScope(ctx, { regionCode: cur.region_code, orgPath: cur.owner_path })) {
        errors.add(r.row, 'item_code', `the current version is ${OUT_OF_SCOPE}`);
        return [];
      }
      const content: ServiceItemContent = {
        name: r.name!,
        itemType: r.itemType as ItemType,
        promisedDays: r.promisedDays!,
        legalBasis: r.has.legalBasis || !cur ? (r.legalBasis ?? '') : cur.legal_basis,
        fee: r.has.fee || !cur ? (r.fee ?? '') : cur.fee,
        statutoryDays: r.has.statutoryDays || !cur ? r.statutoryDays : cur.statutory_days,
        ownerUnitId: r.ownerOrg.id,
        regionCode: r.regionCode!,
      };
      if (content.statutoryDays != null && content.promisedDays > content.statutoryDays) {
        errors.add(r.row, 'promised_days', `the promised time limit cannot exceed the statutory one (${content.statutoryDays})`);
        return [];
      }
      return [{ row: r.row, code: r.itemCode!, current: cur, content }];
    });

    return {
      apply: async (trx) => {
        const counts = { inserted: 0, updated: 0, unchanged: 0 };
        for (const p of planned) {
          const saved = await atRow(p.row, () => 'item_code', () => this.service.saveVersion(trx, p.code, p.current, p.content));
          if (!saved.changed) counts.unchanged++;
          else if (p.current) counts.updated++;
          else counts.inserted++;
        }
        return counts;
      },
    };
  }
}
