import { isInRegion, maskPhone } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { Organisation } from '../db/schema.ts';
import { conflict, invalid, notFound, outOfScope, unknownReference } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { StaffRepository } from '../repositories/staff.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface StaffInput {
  unitId: number;
  employeeNo: string;
  name: string;
  title?: string | null;
  photoUrl?: string | null;
  active?: boolean;
  windowIds?: number[];
  /**
   * The staff member's own phone and ID number, kept only as blind indexes so that a rating given
   * with them (staff rating their own case) can be found; null clears.
   */
  phone?: string | null;
  idNumber?: string | null;
}

export type StaffPatch = Partial<Pick<StaffInput, 'employeeNo' | 'name' | 'title' | 'photoUrl' | 'active' | 'phone' | 'idNumber'>>;

type Field = (f: string) => string;
const same: Field = (f) => f;

/**
 * Window staff (窗口工作人员). A staff member belongs to a unit, which is their data scope, and works
 * at windows of the halls the unit is stationed in. Names are shown on the rating device, so they
 * are stored in clear.
 */
export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly staff: StaffRepository,
    private readonly orgs: OrganisationRepository,
    private readonly audit: AuditRepository,
    private readonly cipher?: Pick<PiiCipher, 'blindIndex'>,
  ) {}

  /** The blind-index columns of a phone / ID number given (undefined keeps, null or blank clears). */
  private identity(p: Pick<StaffInput, 'phone' | 'idNumber'>) {
    const bidx = (kind: 'phone' | 'id', v: string | null) => (v?.trim() && this.cipher ? this.cipher.blindIndex(kind, v) : null);
    return {
      ...(p.phone !== undefined ? { phone_bidx: bidx('phone', p.phone), phone_masked: p.phone?.trim() ? maskPhone(p.phone.trim()) : null } : {}),
      ...(p.idNumber !== undefined ? { id_bidx: bidx('id', p.idNumber) } : {}),
    };
  }

  async list(ctx: Ctx, filter: { unitId?: number; windowId?: number; q?: string; limit: number; offset: number }) {
    requirePermission(ctx, 'masterdata.read');
    const rows = await this.staff.list(listScope(ctx), filter);
    const windows = await this.staff.windowsOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, windowIds: windows.get(r.id) ?? [] }));
  }

  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'masterdata.read');
    const s = await this.staff.find(id);
    if (!s) throw notFound('staff member', 'id');
    requireInScope(ctx, { regionCode: s.unit_region_code, orgPath: s.unit_path }, 'staff member');
    const windows = await this.staff.windowsOf([id]);
    return { ...s, windowIds: windows.get(id) ?? [] };
  }

  /** The unit a staff member belongs to: it must exist, be a unit and lie in the actor's scope. */
  async unitFor(ctx: Ctx, unitId: number, db: Executor = this.db, field: Field = same): Promise<Organisation> {
    const unit = await this.orgs.find(unitId, db);
    if (!unit) throw unknownReference(field('unitId'), `no organisation ${unitId}`);
    if (unit.kind !== 'unit') throw invalid(field('unitId'), `organisation ${unitId} is a ${unit.kind}, not a unit`);
    requireInScope(ctx, { regionCode: unit.region_code, orgPath: unit.path }, 'unit');
    return unit;
  }

  /**
   * Windows sit in the hall's tree, not the unit's, so a unit administrator could never pass an
   * organisation-path check on them. They are held to the region axis instead: inside the actor's
   * region scope and inside the region of the staff member's unit.
   */
  async checkWindows(ctx: Ctx, unit: Organisation, windowIds: number[], db: Executor = this.db, field: Field = same): Promise<number[]> {
    const ids = [...new Set(windowIds)];
    const found = new Map((await this.orgs.findMany(ids, db)).map((o) => [o.id, o]));
    ids.forEach((id, i) => checkWindow(ctx, unit, id, found.get(id), field(`windowIds.${i}`)));
    return ids;
  }

  async create(ctx: Ctx, input: StaffInput) {
    requirePermission(ctx, 'staff.write');
    const unit = await this.unitFor(ctx, input.unitId);
    const windowIds = input.windowIds ? await this.checkWindows(ctx, unit, input.windowIds) : [];
    if (await this.staff.findByEmployeeNo(unit.id, input.employeeNo)) throw conflict(`employee number ${input.employeeNo} already exists in this unit`, 'employeeNo');
    if (!input.name.trim()) throw invalid('name', 'must not be empty');
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await this.staff.insert(trx, {
        org_id: unit.id,
        employee_no: input.employeeNo,
        name: input.name.trim(),
        title: input.title ?? null,
        photo_url: input.photoUrl ?? null,
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...this.identity(input),
      });
      await this.staff.setWindows(trx, id, windowIds);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'staff.create', targetType: 'staff', targetId: id, detail: { unitId: unit.id, employeeNo: input.employeeNo, windowIds } });
      return id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: Ctx, id: number, patch: StaffPatch) {
    requirePermission(ctx, 'staff.write');
    const s = await this.get(ctx, id);
    if (patch.name !== undefined && !patch.name.trim()) throw invalid('name', 'must not be empty');
    if (patch.employeeNo && patch.employeeNo !== s.employee_no && (await this.staff.findByEmployeeNo(s.org_id, patch.employeeNo))) {
      throw conflict(`employee number ${patch.employeeNo} already exists in this unit`, 'employeeNo');
    }
    await this.db.transaction().execute(async (trx) => {
      await this.staff.update(trx, id, {
        ...(patch.employeeNo !== undefined ? { employee_no: patch.employeeNo } : {}),
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.photoUrl !== undefined ? { photo_url: patch.photoUrl } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...this.identity(patch),
      });
      // Never the phone or ID number itself in the audit log: only that it changed.
      const { phone, idNumber, ...plain } = patch;
      await this.audit.append(trx, { ...auditActor(ctx), action: 'staff.update', targetType: 'staff', targetId: id, detail: { ...plain, ...(phone !== undefined ? { phone: 'changed' } : {}), ...(idNumber !== undefined ? { idNumber: 'changed' } : {}) } });
    });
    return this.get(ctx, id);
  }

  async setWindows(ctx: Ctx, id: number, windowIds: number[]) {
    requirePermission(ctx, 'staff.write');
    const s = await this.get(ctx, id);
    const unit = await this.unitFor(ctx, s.org_id);
    const ids = await this.checkWindows(ctx, unit, windowIds);
    await this.db.transaction().execute(async (trx) => {
      await this.staff.setWindows(trx, id, ids);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'staff.windows', targetType: 'staff', targetId: id, detail: { before: s.windowIds, after: ids } });
    });
    return this.get(ctx, id);
  }
}

/** One window reference; throws the error that fits, naming the field. */
export function checkWindow(ctx: Ctx, unit: Organisation, id: number, window: Organisation | undefined, field: string): void {
  if (!window) throw unknownReference(field, `no organisation ${id}`);
  if (window.kind !== 'window') throw invalid(field, `organisation ${id} is a ${window.kind}, not a window`);
  if (!isInRegion(window.region_code, unit.region_code)) throw invalid(field, `window ${id} lies outside the region of unit ${unit.id}`);
  const a = ctx.actor;
  if (a.kind === 'user' && a.scope.regionCode && !isInRegion(window.region_code, a.scope.regionCode)) throw outOfScope(`window ${id}`);
}
