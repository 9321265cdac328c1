import { createHash } from 'node:crypto';
import { isInRegion, maskPhone } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { Organisation, StaffPhotoTable } from '../db/schema.ts';
import { AppError, conflict, invalid, notFound, outOfScope, unknownReference } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { StaffRepository } from '../repositories/staff.repository.ts';
import { sniffAttachment } from '../security/attachment-sniff.ts';
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

/** The largest staff photo accepted: a portrait for a tablet screen needs far less. */
export const STAFF_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** What a staff photo may be, read from its bytes. */
export const STAFF_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const satisfies readonly StaffPhotoTable['content_type'][];

/**
 * Where the current photo of a staff member is served. The address carries the photo's hash, so it
 * can be cached for good and stops answering once the photo is replaced or deleted.
 */
export const staffPhotoUrl = (staffId: number, sha256: string) => `/api/public/staff-photos/${staffId}/${sha256}`;

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

  /** Permission and scope of a photo upload, checked before any byte of the file is read. */
  async photoLimits(ctx: Ctx, id: number) {
    requirePermission(ctx, 'staff.write');
    await this.get(ctx, id);
    return { maxBytes: STAFF_PHOTO_MAX_BYTES };
  }

  /** Stores a photo in place of the current one (audited); its type is read from its bytes. */
  async uploadPhoto(ctx: Ctx, id: number, bytes: Uint8Array) {
    const { maxBytes } = await this.photoLimits(ctx, id);
    if (bytes.length === 0) throw invalid('file', 'the file is empty');
    if (bytes.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `file: at most ${maxBytes} bytes`, 'file', [{ field: 'file', reason: 'too large' }]);
    const contentType = STAFF_PHOTO_TYPES.find((t) => t === sniffAttachment(bytes)?.contentType);
    if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: a photo must be a JPEG, PNG or WebP image', 'file', [{ field: 'file', reason: 'not a JPEG, PNG or WebP image' }]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    await this.db.transaction().execute(async (trx) => {
      await this.staff.savePhoto(trx, { staff_id: id, content_type: contentType, size_bytes: bytes.length, sha256, bytes, uploaded_by: userId, uploaded_at: new Date() });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'staff.photo.upload', targetType: 'staff', targetId: id, detail: { contentType, sizeBytes: bytes.length, sha256 } });
    });
    return this.get(ctx, id);
  }

  /** Deletes the uploaded photo (audited); the photo address typed by hand, if any, stays. */
  async deletePhoto(ctx: Ctx, id: number) {
    requirePermission(ctx, 'staff.write');
    const s = await this.get(ctx, id);
    if (!s.photo_sha256) throw notFound('photo', 'id');
    await this.db.transaction().execute(async (trx) => {
      await this.staff.deletePhoto(trx, id);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'staff.photo.delete', targetType: 'staff', targetId: id, detail: { sha256: s.photo_sha256 } });
    });
    return this.get(ctx, id);
  }

  /** The current photo's bytes for its public address; undefined for an old or unknown one. */
  photo(id: number, sha256: string) {
    return this.staff.currentPhoto(id, sha256);
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
