import { PLATFORM_KIND_NAMES, PLATFORM_KINDS } from '@hcp/domain';
import type { Platform } from '../../db/schema.ts';
import { atRow, type RowErrors } from '../../imports/row-errors.ts';
import { firstByKey, inChunks, readRows, type Importer, type PreparedImport } from '../../imports/importer.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import type { PlatformRepository } from '../../repositories/platform.repository.ts';
import type { RegionRepository } from '../../repositories/region.repository.ts';
import type { Ctx } from '../actor.ts';
import type { PlatformService } from '../platform.service.ts';
import { OUT_OF_SCOPE, inScope } from './references.ts';

const URL = /^https?:\/\/\S+$/;

const read = (r: RowReader) => ({
  regionCode: r.regionCode('region_code', true),
  kind: r.choice('kind', PLATFORM_KINDS, PLATFORM_KIND_NAMES, true),
  code: r.text('code', { required: true, max: 64 }),
  name: r.text('name', { required: true, max: 200 }),
  url: r.text('url', { max: 500, pattern: URL, patternHint: 'must be an http(s) URL' }),
  hasUrl: r.has('url'),
  active: r.bool('active'),
});

const FIELD_COLUMNS: Record<string, string> = { regionCode: 'region_code', code: 'code', name: 'name' };

/** Platforms (政务服务平台): matched by region and code. */
export class PlatformImporter implements Importer {
  readonly kind = 'platforms' as const;
  readonly permission = 'platform.write' as const;
  readonly columns = [
    { key: 'region_code', label: '行政区划代码', required: true },
    { key: 'kind', label: '平台类型', required: true },
    { key: 'code', label: '平台编码', required: true },
    { key: 'name', label: '平台名称', required: true },
    { key: 'url', label: '网址' },
    { key: 'active', label: '是否启用' },
  ];

  constructor(
    private readonly platforms: PlatformRepository,
    private readonly regions: RegionRepository,
    private readonly service: PlatformService,
  ) {}

  async prepare(ctx: Ctx, readers: RowReader[], errors: RowErrors): Promise<PreparedImport> {
    const rows = readRows(readers, read).ok;
    const known = new Set((await inChunks([...new Set(rows.map((r) => r.regionCode!))], (s) => this.regions.findMany(s))).map((r) => r.code));
    const valid = rows.filter((r) => {
      if (!known.has(r.regionCode!)) errors.add(r.row, 'region_code', `no region ${r.regionCode}`);
      else if (!inScope(ctx, { regionCode: r.regionCode! })) errors.add(r.row, 'region_code', OUT_OF_SCOPE);
      else return true;
      return false;
    });
    const unique = [...firstByKey(valid, (r) => `${r.regionCode}|${r.code}`, 'code', errors).values()];
    const existing = new Map<string, Platform>();
    for (const p of await inChunks([...new Set(unique.map((r) => r.code!))], (s) => this.platforms.findByCodes(s))) existing.set(`${p.region_code}|${p.code}`, p);

    return {
      apply: async (trx) => {
        const counts = { inserted: 0, updated: 0, unchanged: 0 };
        for (const r of unique) {
          const e = existing.get(`${r.regionCode}|${r.code}`);
          if (!e) {
            const input = { regionCode: r.regionCode!, kind: r.kind!, code: r.code!, name: r.name!, url: r.url, ...(r.active !== null ? { active: r.active } : {}) };
            await atRow(r.row, (f) => (f ? FIELD_COLUMNS[f] : undefined), () => this.service.insertChecked(trx, input));
            counts.inserted++;
            continue;
          }
          const values = { kind: r.kind!, name: r.name!, ...(r.hasUrl ? { url: r.url } : {}), ...(r.active !== null ? { active: r.active } : {}) };
          if ((Object.keys(values) as (keyof typeof values)[]).every((k) => values[k] === e[k])) {
            counts.unchanged++;
            continue;
          }
          await this.platforms.update(trx, e.id, values);
          counts.updated++;
        }
        return counts;
      },
    };
  }
}
