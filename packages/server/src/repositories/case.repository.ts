import type { Insertable, Updateable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { CaseTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

export interface CaseListFilter {
  unitId?: number;
  itemCode?: string;
  stage?: string;
  channel?: 'online' | 'offline';
  completedFrom?: Date;
  completedTo?: Date;
  caseNo?: string;
  phoneBidx?: string;
  idBidx?: string;
  limit: number;
  offset: number;
}

/** A case row with the names staff read beside the codes. */
const withNames = (db: Executor) =>
  db
    .selectFrom('cases')
    .innerJoin('service_items as item', 'item.id', 'cases.item_id')
    .innerJoin('organisations as unit', 'unit.id', 'cases.unit_id')
    .selectAll('cases')
    .select(['item.name as item_name', 'unit.name as unit_name']);

export type CaseWithNames = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

/** Cases (办件) and their stage events. */
export class CaseRepository {
  constructor(private readonly db: Database) {}

  find(id: number, db: Executor = this.db) {
    return withNames(db).where('cases.id', '=', id).executeTakeFirst();
  }

  findByCaseNo(caseNo: string, db: Executor = this.db) {
    return db.selectFrom('cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();
  }

  findByCaseNos(caseNos: string[], db: Executor = this.db) {
    if (caseNos.length === 0) return Promise.resolve([]);
    return db.selectFrom('cases').selectAll().where('case_no', 'in', caseNos).execute();
  }

  /** The row, locked until the transaction ends, so concurrent pushes of one case apply one after the other. */
  lockByCaseNo(trx: Executor, caseNo: string) {
    return trx.selectFrom('cases').selectAll().where('case_no', '=', caseNo).forUpdate().executeTakeFirst();
  }

  /**
   * Inserts unless the case number exists; undefined when it did. Two first pushes racing each
   * other both get here: one inserts, the other waits for it to commit and then sees the conflict.
   */
  async insertIfAbsent(trx: Executor, values: Insertable<CaseTable>): Promise<number | undefined> {
    const row = await trx.insertInto('cases').values(values).onConflict((oc) => oc.column('case_no').doNothing()).returning('id').executeTakeFirst();
    return row?.id;
  }

  async update(trx: Executor, id: number, values: Updateable<CaseTable>): Promise<void> {
    await trx.updateTable('cases').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
  }

  stages(caseId: number, db: Executor = this.db) {
    return db.selectFrom('case_stages').select(['stage', 'occurred_at', 'recorded_at']).where('case_id', '=', caseId).orderBy('occurred_at').orderBy('stage').execute();
  }

  /** The stages of many cases at once, to check a batch or a file against what is recorded. */
  stagesOf(caseIds: number[], db: Executor = this.db) {
    if (caseIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('case_stages').select(['case_id', 'stage', 'occurred_at']).where('case_id', 'in', caseIds).execute();
  }

  /** Adds stage events; one already recorded is left as it is. Returns how many were new. */
  async addStages(trx: Executor, caseId: number, events: { stage: string; at: Date }[]): Promise<number> {
    if (events.length === 0) return 0;
    const r = await trx
      .insertInto('case_stages')
      .values(events.map((e) => ({ case_id: caseId, stage: e.stage, occurred_at: e.at })))
      .onConflict((oc) => oc.columns(['case_id', 'stage']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  }

  /** Cases in a data scope, newest first. Phone and certificate number match through their blind index only. */
  list(scope: DataScope & { orgPaths?: string[] }, f: CaseListFilter) {
    let q = withNames(this.db)
      .where(scopeCondition(scope, 'cases.region_code', 'cases.org_path'))
      .orderBy('cases.id', 'desc')
      .limit(f.limit)
      .offset(f.offset);
    if (f.unitId !== undefined) q = q.where('cases.unit_id', '=', f.unitId);
    if (f.itemCode) q = q.where('cases.item_code', '=', f.itemCode);
    if (f.stage) q = q.where('cases.stage', '=', f.stage);
    if (f.channel) q = q.where('cases.channel', '=', f.channel);
    if (f.completedFrom) q = q.where('cases.completed_at', '>=', f.completedFrom);
    if (f.completedTo) q = q.where('cases.completed_at', '<', f.completedTo);
    if (f.caseNo) q = q.where('cases.case_no', '=', f.caseNo);
    if (f.phoneBidx) q = q.where('cases.applicant_phone_bidx', '=', f.phoneBidx);
    if (f.idBidx) q = q.where('cases.applicant_id_bidx', '=', f.idBidx);
    return q.execute();
  }

  // References a pushed case points at. Narrow reads kept here so case intake does not depend on
  // the master-data repositories' shape; each returns only what a case stores or checks.

  /** The current version of a service item: its id is what the case links to. */
  findCurrentItem(itemCode: string, db: Executor = this.db) {
    return db
      .selectFrom('service_items')
      .select(['id', 'item_code', 'region_code', 'promised_days'])
      .where('item_code', '=', itemCode)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
  }

  findItemVersion(id: number, db: Executor = this.db) {
    return db.selectFrom('service_items').select(['id', 'item_code', 'region_code', 'promised_days']).where('id', '=', id).executeTakeFirst();
  }

  /** A staff member by id or by employee number within a unit. */
  findStaff(by: { id: number } | { orgId: number; employeeNo: string }, db: Executor = this.db) {
    let q = db.selectFrom('staff').select(['id', 'org_id', 'active']);
    q = 'id' in by ? q.where('id', '=', by.id) : q.where('org_id', '=', by.orgId).where('employee_no', '=', by.employeeNo);
    return q.executeTakeFirst();
  }
}
