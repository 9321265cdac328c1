import type { SupervisionAlertKind } from '@hcp/domain';
import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SupervisionAlertTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

export type AlertStatus = 'open' | 'acknowledged';

export interface AlertListFilter {
  kind?: SupervisionAlertKind;
  status?: AlertStatus;
  /** A month, YYYY-MM. */
  period?: string;
  unitId?: number;
  limit: number;
  offset: number;
}

/** Where a staff member or unit sits: what scopes, policies and recipients are chosen by. */
export interface SubjectPlace {
  id: number;
  unitId: number;
  regionCode: string;
  orgPath: string;
}

/** Supervision alerts (督办预警): who and where they are about, and storing each once. */
export class SupervisionAlertRepository {
  constructor(private readonly db: Database) {}

  /** The unit, region and path of each staff member. */
  async staffPlaces(ids: number[]): Promise<Map<number, SubjectPlace>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('staff as s')
      .innerJoin('organisations as u', 'u.id', 's.org_id')
      .select(['s.id', 's.org_id', 'u.region_code', 'u.path'])
      .where('s.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, unitId: r.org_id, regionCode: r.region_code, orgPath: r.path }]));
  }

  /** The region and path of each organisation (units). */
  async unitPlaces(ids: number[]): Promise<Map<number, SubjectPlace>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('organisations').select(['id', 'region_code', 'path']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, unitId: r.id, regionCode: r.region_code, orgPath: r.path }]));
  }

  /** Names for the texts of notifications: units only (never a staff member's name). */
  async unitNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Per unit, the work orders opened in [from, to) that got a red card (超期) and are still open: what
   * is left to chase of the period's overdue orders.
   */
  async overdueStillOpen(unitIds: number[], from: Date, to: Date): Promise<Map<number, number>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('work_orders')
      .select(['unit_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('unit_id', 'in', unitIds)
      .where('opened_at', '>=', from)
      .where('opened_at', '<', to)
      .where('red_card_at', 'is not', null)
      .where('closed_at', 'is', null)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
  }

  /** Raises an alert unless one of its kind, subject and period exists; the id when this call raised it. */
  async claim(trx: Executor, row: Insertable<SupervisionAlertTable>): Promise<number | undefined> {
    const r = await trx
      .insertInto('supervision_alerts')
      .values(row)
      .onConflict((oc) => oc.columns(['kind', 'subject_id', 'period_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  }

  /** The latest figures of an alert raised before (its first figures stay). */
  async refresh(trx: Executor, key: { kind: SupervisionAlertKind; subjectId: number; periodKey: string }, figures: Record<string, unknown>, at: Date): Promise<void> {
    await trx
      .updateTable('supervision_alerts')
      .set({ figures: JSON.stringify(figures), checked_at: at })
      .where('kind', '=', key.kind)
      .where('subject_id', '=', key.subjectId)
      .where('period_key', '=', key.periodKey)
      .execute();
  }

  async setRecipients(trx: Executor, id: number, recipients: number): Promise<void> {
    await trx.updateTable('supervision_alerts').set({ recipients }).where('id', '=', id).execute();
  }

  private base(db: Executor = this.db) {
    return db
      .selectFrom('supervision_alerts as a')
      .innerJoin('organisations as u', 'u.id', 'a.unit_id')
      .leftJoin('staff as s', 's.id', 'a.staff_id')
      .leftJoin('users as k', 'k.id', 'a.acknowledged_by')
      .leftJoin('regions as r', 'r.code', 'a.region_code')
      .selectAll('a')
      .select(['u.name as unit_name', 's.name as staff_name', 's.employee_no', 'k.display_name as acknowledged_by_name', 'r.name as region_name']);
  }

  /** Alerts in the scope, newest first. */
  list(scope: DataScope & { orgPaths?: string[] }, f: AlertListFilter) {
    let q = this.base().where(scopeCondition(scope, 'a.region_code', 'a.org_path')).orderBy('a.id', 'desc').limit(f.limit).offset(f.offset);
    if (f.kind) q = q.where('a.kind', '=', f.kind);
    if (f.status === 'open') q = q.where('a.acknowledged_at', 'is', null);
    if (f.status === 'acknowledged') q = q.where('a.acknowledged_at', 'is not', null);
    if (f.period) q = q.where('a.period_key', '=', f.period);
    if (f.unitId !== undefined) q = q.where('a.unit_id', '=', f.unitId);
    return q.execute();
  }

  /** How many alerts in the scope are still open (not acknowledged). */
  async openCount(scope: DataScope & { orgPaths?: string[] }): Promise<number> {
    const row = await this.db
      .selectFrom('supervision_alerts as a')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where(scopeCondition(scope, 'a.region_code', 'a.org_path'))
      .where('a.acknowledged_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  find(id: number, db: Executor = this.db) {
    return this.base(db).where('a.id', '=', id).executeTakeFirst();
  }

  /** Acknowledges an open alert; false when it was acknowledged already (the first acknowledgement stays). */
  async acknowledge(trx: Executor, id: number, by: number, at: Date, note: string): Promise<boolean> {
    const r = await trx
      .updateTable('supervision_alerts')
      .set({ acknowledged_by: by, acknowledged_at: at, acknowledge_note: note })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Test and diagnostics helper: every alert of a period, by id. */
  ofPeriod(periodKey: string) {
    return this.db.selectFrom('supervision_alerts').selectAll().where('period_key', '=', periodKey).orderBy('id').execute();
  }
}

/** An alert row as the list and the detail read it. */
export type SupervisionAlertRow = NonNullable<Awaited<ReturnType<SupervisionAlertRepository['find']>>>;
