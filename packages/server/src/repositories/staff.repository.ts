import type { Insertable, Updateable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { StaffPhotoTable, StaffTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

/** A staff row with the unit it belongs to, whose region and path are the staff member's data scope. */
const withUnit = (db: Executor) =>
  db
    .selectFrom('staff')
    .innerJoin('organisations as unit', 'unit.id', 'staff.org_id')
    .leftJoin('staff_photos as photo', 'photo.staff_id', 'staff.id')
    .selectAll('staff')
    .select(['unit.region_code as unit_region_code', 'unit.path as unit_path', 'unit.name as unit_name'])
    .select(['photo.sha256 as photo_sha256', 'photo.content_type as photo_content_type', 'photo.size_bytes as photo_size_bytes', 'photo.uploaded_at as photo_uploaded_at']);

/** Window staff (窗口工作人员) and the windows they work at. */
export class StaffRepository {
  constructor(private readonly db: Database) {}

  find(id: number, db: Executor = this.db) {
    return withUnit(db).where('staff.id', '=', id).executeTakeFirst();
  }

  findByEmployeeNo(orgId: number, employeeNo: string, db: Executor = this.db) {
    return db.selectFrom('staff').selectAll().where('org_id', '=', orgId).where('employee_no', '=', employeeNo).executeTakeFirst();
  }

  /** Staff of these units, for matching import rows by (unit, employee number). */
  findByUnits(orgIds: number[], db: Executor = this.db) {
    if (orgIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('staff').selectAll().where('org_id', 'in', orgIds).execute();
  }

  list(scope: DataScope & { orgPaths?: string[] }, filter: { unitId?: number; windowId?: number; q?: string; limit: number; offset: number }) {
    let q = withUnit(this.db)
      .where(scopeCondition(scope, 'unit.region_code', 'unit.path'))
      .orderBy('staff.org_id')
      .orderBy('staff.employee_no')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.unitId !== undefined) q = q.where('staff.org_id', '=', filter.unitId);
    if (filter.windowId !== undefined) {
      const windowId = filter.windowId;
      q = q.where((eb) => eb.exists(eb.selectFrom('staff_windows as sw').select('sw.staff_id').whereRef('sw.staff_id', '=', 'staff.id').where('sw.window_id', '=', windowId)));
    }
    if (filter.q) q = q.where((eb) => eb.or([eb('staff.name', 'like', `%${filter.q}%`), eb('staff.employee_no', 'like', `%${filter.q}%`)]));
    return q.execute();
  }

  /** Window ids per staff member, for the given staff. */
  async windowsOf(staffIds: number[], db: Executor = this.db): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>(staffIds.map((id) => [id, []]));
    if (staffIds.length === 0) return map;
    const rows = await db.selectFrom('staff_windows').selectAll().where('staff_id', 'in', staffIds).orderBy('window_id').execute();
    for (const r of rows) map.get(r.staff_id)?.push(r.window_id);
    return map;
  }

  async insert(db: Executor, values: Insertable<StaffTable>): Promise<number> {
    const { id } = await db.insertInto('staff').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async update(db: Executor, id: number, values: Updateable<StaffTable>): Promise<void> {
    await db.updateTable('staff').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
  }

  /** Replaces the windows a staff member works at. */
  async setWindows(db: Executor, staffId: number, windowIds: number[]): Promise<void> {
    await db.deleteFrom('staff_windows').where('staff_id', '=', staffId).execute();
    if (windowIds.length) await db.insertInto('staff_windows').values(windowIds.map((window_id) => ({ staff_id: staffId, window_id }))).execute();
  }

  /** Stores a staff member's photo in place of the one they had. */
  async savePhoto(db: Executor, photo: Insertable<StaffPhotoTable>): Promise<void> {
    const { staff_id: _, ...rest } = photo;
    await db.insertInto('staff_photos').values(photo).onConflict((oc) => oc.column('staff_id').doUpdateSet(rest)).execute();
  }

  /** Removes a staff member's photo; false when there was none. */
  async deletePhoto(db: Executor, staffId: number): Promise<boolean> {
    const r = await db.deleteFrom('staff_photos').where('staff_id', '=', staffId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The bytes of a staff member's photo, only while it is the current one (its hash still matches). */
  currentPhoto(staffId: number, sha256: string, db: Executor = this.db) {
    return db.selectFrom('staff_photos').select(['content_type', 'sha256', 'bytes']).where('staff_id', '=', staffId).where('sha256', '=', sha256).executeTakeFirst();
  }
}
