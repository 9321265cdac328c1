import { regionPrefix } from '@hcp/domain';
import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DeviceRequestTable, DeviceTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';

const OPEN = ['pending', 'shown'] as const;

/** A device with its window and the hall (or station, center) the window belongs to. */
const withWindow = (db: Executor) =>
  db
    .selectFrom('devices')
    .innerJoin('organisations as w', 'w.id', 'devices.window_id')
    .leftJoin('organisations as h', 'h.id', 'w.parent_id')
    .selectAll('devices')
    .select(['w.name as window_name', 'w.region_code as window_region_code', 'w.path as window_path', 'w.active as window_active', 'h.name as hall_name']);

export type DeviceWithWindow = Awaited<ReturnType<ReturnType<typeof withWindow>['executeTakeFirstOrThrow']>>;

/**
 * The data-scope condition on a window (`w`): its region, and for an organisation scope either the
 * window's own path or a unit whose staff work there, because windows sit in the hall's tree and a
 * unit administrator manages the windows their unit is stationed at.
 */
function windowScope(scope: DataScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (scope.regionCode) parts.push(sql<SqlBool>`w.region_code like ${regionPrefix(scope.regionCode) + '%'}`);
  if (scope.orgPath) {
    const under = scope.orgPath + '%';
    parts.push(sql<SqlBool>`(w.path like ${under} or exists (
      select 1 from staff_windows sw join staff s on s.id = sw.staff_id join organisations u on u.id = s.org_id
      where sw.window_id = w.id and u.path like ${under}))`);
  }
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`true`;
}

/** Window rating devices (评价器) and the requests that make them show the rating screen. */
export class DeviceRepository {
  constructor(private readonly db: Database) {}

  find(id: number, db: Executor = this.db) {
    return withWindow(db).where('devices.id', '=', id).executeTakeFirst();
  }

  /** The row, locked until the transaction ends: requests for one device are created one after the other. */
  lock(trx: Executor, id: number) {
    return trx.selectFrom('devices').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }

  findByPairingHash(hash: string, db: Executor = this.db) {
    return withWindow(db).where('devices.pairing_code_hash', '=', hash).executeTakeFirst();
  }

  findByTokenHash(hash: string, db: Executor = this.db) {
    return withWindow(db).where('devices.token_hash', '=', hash).executeTakeFirst();
  }

  activeForWindow(windowId: number, db: Executor = this.db) {
    return withWindow(db).where('devices.window_id', '=', windowId).where('devices.active', '=', true).executeTakeFirst();
  }

  list(scope: DataScope, filter: { windowId?: number; limit: number; offset: number }) {
    let q = withWindow(this.db).where(windowScope(scope)).orderBy('w.path').orderBy('devices.id').limit(filter.limit).offset(filter.offset);
    if (filter.windowId !== undefined) q = q.where('devices.window_id', '=', filter.windowId);
    return q.execute();
  }

  async insert(db: Executor, values: Insertable<DeviceTable>): Promise<number> {
    const { id } = await db.insertInto('devices').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async update(db: Executor, id: number, values: Updateable<DeviceTable>): Promise<void> {
    await db.updateTable('devices').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
  }

  /** Marks devices as seen (a request, or a heartbeat on their event stream). */
  /** Spends a pairing code: only the first of two tablets typing it at the same instant gets the device. */
  claimPairing(trx: Executor, id: number, codeHash: string, tokenHash: string, at: Date) {
    return trx
      .updateTable('devices')
      .set({ pairing_code_hash: null, pairing_expires_at: null, token_hash: tokenHash, paired_at: at, last_seen_at: at, updated_at: at })
      .where('id', '=', id)
      .where('pairing_code_hash', '=', codeHash)
      .returning('id')
      .executeTakeFirst();
  }

  async touch(ids: number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('devices').set({ last_seen_at: at }).where('id', 'in', ids).execute();
  }

  /** Token hash and switch of these devices, so open event streams notice an unpairing on any instance. */
  credentials(ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('devices').select(['id', 'token_hash', 'active']).where('id', 'in', ids).execute();
  }

  /** Active staff working at a window (staff_windows), with the path of their unit and the hash of their uploaded photo. */
  windowStaff(windowId: number, db: Executor = this.db) {
    return db
      .selectFrom('staff_windows as sw')
      .innerJoin('staff', 'staff.id', 'sw.staff_id')
      .innerJoin('organisations as u', 'u.id', 'staff.org_id')
      .leftJoin('staff_photos as photo', 'photo.staff_id', 'staff.id')
      .select(['staff.id', 'staff.name', 'staff.employee_no', 'staff.title', 'staff.photo_url', 'photo.sha256 as photo_sha256', 'u.path as unit_path', 'u.name as unit_name'])
      .where('sw.window_id', '=', windowId)
      .where('staff.active', '=', true)
      .orderBy('staff.employee_no')
      .execute();
  }

  /** Paths of every unit with staff at the window, active or not: the window's organisation scope. */
  async stationedUnitPaths(windowId: number, db: Executor = this.db): Promise<string[]> {
    const rows = await db
      .selectFrom('staff_windows as sw')
      .innerJoin('staff', 'staff.id', 'sw.staff_id')
      .innerJoin('organisations as u', 'u.id', 'staff.org_id')
      .select('u.path')
      .distinct()
      .where('sw.window_id', '=', windowId)
      .execute();
    return rows.map((r) => r.path);
  }

  // ── requests ──────────────────────────────────────────────────────────────────────────────────

  async insertRequest(trx: Executor, values: Insertable<DeviceRequestTable>): Promise<number> {
    const { id } = await trx.insertInto('device_requests').values(values).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  /** Cancels the device's open requests; returns their ids. */
  async cancelOpen(trx: Executor, deviceId: number, at: Date): Promise<number[]> {
    const rows = await trx
      .updateTable('device_requests')
      .set({ status: 'cancelled', finished_at: at })
      .where('device_id', '=', deviceId)
      .where('status', 'in', OPEN)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** A request with its device's window, and its case's number, mode, item and scope. */
  findRequest(id: number, db: Executor = this.db) {
    return db
      .selectFrom('device_requests as r')
      .innerJoin('devices as d', 'd.id', 'r.device_id')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .innerJoin('service_items as item', 'item.id', 'c.item_id')
      .selectAll('r')
      .select(['d.window_id', 'c.case_no', 'c.channel', 'c.region_code as case_region_code', 'c.org_path as case_org_path', 'item.name as item_name'])
      .where('r.id', '=', id)
      .executeTakeFirst();
  }

  /** The newest unexpired open request of each of these devices. */
  openRequests(deviceIds: number[], now: Date) {
    if (deviceIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('device_requests')
      .selectAll()
      .distinctOn('device_id')
      .where('device_id', 'in', deviceIds)
      .where('status', 'in', OPEN)
      .where('expires_at', '>', now)
      .orderBy('device_id')
      .orderBy('id', 'desc')
      .execute();
  }

  async markShown(id: number): Promise<void> {
    await this.db.updateTable('device_requests').set({ status: 'shown' }).where('id', '=', id).where('status', '=', 'pending').execute();
  }

  /** Writes `expired` on open requests of these devices whose time is up; readers already treat them so. */
  async expireOpen(deviceIds: number[], now: Date): Promise<void> {
    if (deviceIds.length === 0) return;
    await this.db
      .updateTable('device_requests')
      .set({ status: 'expired', finished_at: now })
      .where('device_id', 'in', deviceIds)
      .where('status', 'in', OPEN)
      .where('expires_at', '<=', now)
      .execute();
  }

  /** The rating was stored: the request is done, even if a newer request cancelled it meanwhile. */
  async finishRequest(id: number, evaluationId: number, at: Date): Promise<void> {
    await this.db
      .updateTable('device_requests')
      .set({ status: 'done', evaluation_id: evaluationId, finished_at: at })
      .where('id', '=', id)
      .where('status', '!=', 'done')
      .execute();
  }
}
