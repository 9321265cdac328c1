import { isValidParent, normaliseRegionCode, regionLevelOf } from '@hcp/domain';
import type { Region } from '../../db/schema.ts';
import { firstByKey, inChunks, readRows, type Importer, type PreparedImport } from '../../imports/importer.ts';
import type { RowErrors } from '../../imports/row-errors.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import type { RegionRepository } from '../../repositories/region.repository.ts';
import type { Ctx } from '../actor.ts';
import { OUT_OF_SCOPE, inScope } from './references.ts';

const read = (r: RowReader) => ({
  code: r.regionCode('code', true),
  name: r.text('name', { required: true, max: 100 }),
  parentCode: r.regionCode('parent_code'),
});

/** Regions (行政区划): matched by code; a parent may be in the database or anywhere in the file. */
export class RegionImporter implements Importer {
  readonly kind = 'regions' as const;
  readonly permission = 'region.write' as const;
  readonly columns = [
    { key: 'code', label: '区划代码', required: true },
    { key: 'name', label: '区划名称', required: true },
    { key: 'parent_code', label: '上级区划代码' },
  ];

  constructor(private readonly regions: RegionRepository) {}

  async prepare(ctx: Ctx, readers: RowReader[], errors: RowErrors): Promise<PreparedImport> {
    const rows = readRows(readers, read).ok.filter((r) => {
      const code = r.code!;
      const level = regionLevelOf(code);
      if (!inScope(ctx, { regionCode: code })) errors.add(r.row, 'code', OUT_OF_SCOPE);
      else if (level > 1 && !r.parentCode) errors.add(r.row, 'parent_code', 'is required: only a province has no parent');
      else if (r.parentCode && !isValidParent(code, r.parentCode)) errors.add(r.row, 'parent_code', `${r.parentCode} cannot be the parent of ${code}`);
      else return true;
      return false;
    });
    const inFile = firstByKey(rows, (r) => r.code!, 'code', errors);
    const wanted = [...new Set([...inFile.keys(), ...rows.map((r) => r.parentCode).filter((p): p is string => !!p)])];
    const known = new Map<string, Region>((await inChunks(wanted, (s) => this.regions.findMany(s))).map((r) => [r.code, r]));
    // A parent row with errors of its own still counts as there: its errors are reported on its row.
    const mentioned = new Set(readers.map((r) => normaliseRegionCode(r.raw('code'))));
    for (const r of inFile.values()) {
      if (r.parentCode && !mentioned.has(r.parentCode) && !known.has(r.parentCode)) errors.add(r.row, 'parent_code', `no region ${r.parentCode} in the file or the database`);
    }
    const changed = [...inFile.values()]
      .filter((r) => {
        const e = known.get(r.code!);
        return !e || e.name !== r.name || e.parent_code !== r.parentCode;
      })
      .map((r) => ({ code: r.code!, name: r.name!, level: regionLevelOf(r.code!), parent_code: r.parentCode }))
      // Parents first, so each insert finds its parent.
      .sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));

    return {
      apply: async (trx) => {
        for (let i = 0; i < changed.length; i += 1000) await this.regions.upsert(trx, changed.slice(i, i + 1000));
        const inserted = changed.filter((r) => !known.has(r.code)).length;
        return { inserted, updated: changed.length - inserted, unchanged: inFile.size - changed.length };
      },
    };
  }
}
