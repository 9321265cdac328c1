import type { Organisation, Staff } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { firstByKey, inChunks, readRows, type Importer, type PreparedImport } from '../../imports/importer.ts';
import type { RowErrors } from '../../imports/row-errors.ts';
import { reasonOf } from '../../imports/row-errors.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import type { OrganisationRepository } from '../../repositories/organisation.repository.ts';
import type { StaffRepository } from '../../repositories/staff.repository.ts';
import type { Ctx } from '../actor.ts';
import { checkWindow } from '../staff.service.ts';
import { OUT_OF_SCOPE, inScope, orgResolver, type OrgRef } from './references.ts';

const PHOTO_URL = /^(https?:\/\/|\/)\S+$/;

const read = (r: RowReader) => {
  const unit: OrgRef = { id: r.id('unit_id'), code: r.text('unit_code', { max: 64 }), regionCode: r.regionCode('unit_region_code') };
  if (!r.raw('unit_id') && !r.raw('unit_code')) r.error('unit_code', 'give the unit by unit_code or unit_id');
  return {
    unit,
    employeeNo: r.text('employee_no', { required: true, max: 32 }),
    name: r.text('name', { required: true, max: 50 }),
    title: r.text('title', { max: 50 }),
    hasTitle: r.has('title'),
    photoUrl: r.text('photo_url', { max: 500, pattern: PHOTO_URL, patternHint: 'must be an http(s) URL or a path starting with /' }),
    hasPhotoUrl: r.has('photo_url'),
    active: r.bool('active'),
    // A present column sets the windows exactly (an empty cell: none); an absent one leaves them.
    windowCodes: r.has('window_codes') ? r.list('window_codes', { max: 100, itemMax: 64 }) : null,
    windowRegion: r.regionCode('window_region_code'),
  };
};

type Row = ReturnType<typeof read> & { row: number };
type Planned = Row & { unitOrg: Organisation; existing?: Staff; windowIds: number[] | null };

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');

/** Staff (窗口工作人员): matched by unit and employee number; windows given by their codes. */
export class StaffImporter implements Importer {
  readonly kind = 'staff' as const;
  readonly permission = 'staff.write' as const;
  readonly columns = [
    { key: 'unit_id', label: '单位ID', oneOf: 'unit' },
    { key: 'unit_code', label: '单位编码', oneOf: 'unit' },
    { key: 'unit_region_code', label: '单位区划代码' },
    { key: 'employee_no', label: '工号', required: true },
    { key: 'name', label: '姓名', required: true },
    { key: 'title', label: '职务' },
    { key: 'photo_url', label: '照片地址' },
    { key: 'active', label: '是否在岗' },
    { key: 'window_codes', label: '窗口编码' },
    { key: 'window_region_code', label: '窗口区划代码' },
  ];

  constructor(
    private readonly staff: StaffRepository,
    private readonly orgs: OrganisationRepository,
  ) {}

  async prepare(ctx: Ctx, readers: RowReader[], errors: RowErrors): Promise<PreparedImport> {
    const rows = readRows(readers, read).ok;
    const resolveUnit = await orgResolver(this.orgs, 'unit', rows.map((r) => r.unit));
    const withUnit: (Row & { unitOrg: Organisation })[] = [];
    for (const r of rows) {
      const res = resolveUnit(r.unit);
      if (!('org' in res)) errors.add(r.row, res.which === 'id' ? 'unit_id' : 'unit_code', res.reason);
      else if (!inScope(ctx, { regionCode: res.org.region_code, orgPath: res.org.path })) errors.add(r.row, r.unit.id ? 'unit_id' : 'unit_code', OUT_OF_SCOPE);
      else withUnit.push({ ...r, unitOrg: res.org });
    }
    const unique = [...firstByKey(withUnit, (r) => `${r.unitOrg.id}|${r.employeeNo}`, 'employee_no', errors).values()];

    const existingRows = await inChunks([...new Set(unique.map((r) => r.unitOrg.id))], (s) => this.staff.findByUnits(s));
    const existing = new Map(existingRows.map((s) => [`${s.org_id}|${s.employee_no}`, s]));
    const currentWindows = await this.staff.windowsOf(unique.map((r) => existing.get(`${r.unitOrg.id}|${r.employeeNo}`)?.id).filter((id): id is number => id !== undefined));
    const windowCodes = [...new Set(unique.flatMap((r) => r.windowCodes ?? []))];
    const windows = new Map((await inChunks(windowCodes, (s) => this.orgs.findByKindAndCodes('window', s))).map((w) => [`${w.region_code}|${w.code}`, w]));

    const planned: Planned[] = [];
    for (const r of unique) {
      let windowIds: number[] | null = null;
      if (r.windowCodes) {
        windowIds = [];
        const region = r.windowRegion ?? r.unitOrg.region_code;
        for (const code of r.windowCodes) {
          const w = windows.get(`${region}|${code}`);
          if (!w) {
            errors.add(r.row, 'window_codes', `no window with code ${code} in region ${region}`);
            continue;
          }
          try {
            checkWindow(ctx, r.unitOrg, w.id, w, 'window_codes');
            windowIds.push(w.id);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            errors.add(r.row, 'window_codes', `window ${code}: ${reasonOf(e)}`);
          }
        }
      }
      planned.push({ ...r, windowIds, ...(existing.has(`${r.unitOrg.id}|${r.employeeNo}`) ? { existing: existing.get(`${r.unitOrg.id}|${r.employeeNo}`)! } : {}) });
    }

    return {
      apply: async (trx) => {
        const counts = { inserted: 0, updated: 0, unchanged: 0 };
        for (const r of planned) {
          const values = {
            name: r.name!,
            ...(r.hasTitle ? { title: r.title } : {}),
            ...(r.hasPhotoUrl ? { photo_url: r.photoUrl } : {}),
            ...(r.active !== null ? { active: r.active } : {}),
          };
          if (!r.existing) {
            const id = await this.staff.insert(trx, { org_id: r.unitOrg.id, employee_no: r.employeeNo!, ...values });
            await this.staff.setWindows(trx, id, r.windowIds ?? []);
            counts.inserted++;
            continue;
          }
          const e = r.existing;
          const fieldsChanged = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== e[k]);
          const windowsChanged = r.windowIds !== null && sorted(r.windowIds) !== sorted(currentWindows.get(e.id) ?? []);
          if (!fieldsChanged && !windowsChanged) {
            counts.unchanged++;
            continue;
          }
          if (fieldsChanged) await this.staff.update(trx, e.id, values);
          if (windowsChanged) await this.staff.setWindows(trx, e.id, r.windowIds!);
          counts.updated++;
        }
        return counts;
      },
    };
  }
}
