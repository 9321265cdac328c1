import type { ExclusionKind, RequestKind, RequestStatus } from '@hcp/domain';
import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WorkOrderRequest, WorkOrderRequestTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

export interface RequestListFilter {
  kind?: RequestKind;
  status?: RequestStatus;
  workOrderId?: number;
  limit: number;
  offset: number;
}

/** The order columns a request is listed with: its scope follows the order (also after a reassignment). */
const ORDER_COLUMNS = ['work_orders.unit_id as order_unit_id', 'work_orders.region_code as order_region_code', 'work_orders.state as order_state'] as const;

/** Requests on work orders (延期, 复核申诉, 无法整改) and their decisions. */
export class WorkOrderRequestRepository {
  constructor(private readonly db: Database) {}

  /** The partial unique index work_order_requests_one_pending keeps one pending request per kind and order. */
  async insert(trx: Executor, row: Insertable<WorkOrderRequestTable>): Promise<WorkOrderRequest> {
    return trx.insertInto('work_order_requests').values(row).returningAll().executeTakeFirstOrThrow();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('work_order_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The request a retried filing already stored, by the key its client sent. */
  findByKey(workOrderId: number, key: string, db: Executor = this.db) {
    return db.selectFrom('work_order_requests').selectAll().where('work_order_id', '=', workOrderId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  ofOrder(workOrderId: number, db: Executor = this.db) {
    return db.selectFrom('work_order_requests').selectAll().where('work_order_id', '=', workOrderId).orderBy('id').execute();
  }

  /**
   * Records a decision only while the request is still pending: of two deciders at once one wins,
   * the other updates nothing (PostgreSQL re-reads the row after the first commits).
   */
  decide(trx: Executor, id: number, set: { status: 'approved' | 'rejected'; decided_by: number | null; decided_at: Date; decision_reason: string; decision_attachment_ids: number[]; excluded_as: ExclusionKind | null; decision_idempotency_key: string | null }) {
    return trx
      .updateTable('work_order_requests')
      .set({ ...set, decision_attachment_ids: JSON.stringify(set.decision_attachment_ids) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  }

  /** The other pending requests of an order that has just closed: nothing is left to decide. */
  async cancelPending(trx: Executor, workOrderId: number, at: Date, reason: string): Promise<number[]> {
    const rows = await trx
      .updateTable('work_order_requests')
      .set({ status: 'cancelled', decided_at: at, decision_reason: reason })
      .where('work_order_id', '=', workOrderId)
      .where('status', '=', 'pending')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Marks the rating of an upheld appeal as 误评 or 恶意差评: it stays stored, and statistics leave it
   * out. Only a rating not excluded yet is marked (an order has one rating, an appeal upholds once).
   */
  async excludeEvaluation(trx: Executor, evaluationId: number, as: ExclusionKind, at: Date): Promise<boolean> {
    const r = await trx.updateTable('evaluations').set({ excluded_as: as, excluded_at: at }).where('id', '=', evaluationId).where('excluded_as', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Requests in the caller's data scope (through their order), newest first. */
  list(scope: DataScope & { orgPaths?: string[] }, f: RequestListFilter) {
    let q = this.db
      .selectFrom('work_order_requests')
      .innerJoin('work_orders', 'work_orders.id', 'work_order_requests.work_order_id')
      .selectAll('work_order_requests')
      .select(ORDER_COLUMNS)
      .where(scopeCondition(scope, 'work_orders.region_code', 'work_orders.org_path'))
      .orderBy('work_order_requests.id', 'desc')
      .limit(f.limit)
      .offset(f.offset);
    if (f.kind) q = q.where('work_order_requests.kind', '=', f.kind);
    if (f.status) q = q.where('work_order_requests.status', '=', f.status);
    if (f.workOrderId) q = q.where('work_order_requests.work_order_id', '=', f.workOrderId);
    return q.execute();
  }
}
