import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WorkOrder, WorkOrderEventTable, WorkOrderTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

export interface WorkOrderListFilter {
  state?: WorkOrder['state'];
  /** Only open orders with a deadline passed at this instant. */
  overdueAt?: Date;
  limit: number;
  offset: number;
}

/** Work orders (整改工单) and their steps. */
export class WorkOrderRepository {
  constructor(private readonly db: Database) {}

  /** Inserts an order; the unique evaluation_id makes a second order for one rating impossible. */
  async insert(trx: Executor, row: Insertable<WorkOrderTable>): Promise<WorkOrder> {
    return trx.insertInto('work_orders').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async insertEvent(trx: Executor, row: Insertable<WorkOrderEventTable>): Promise<void> {
    await trx.insertInto('work_order_events').values(row).execute();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByEvaluation(evaluationId: number) {
    return this.db.selectFrom('work_orders').selectAll().where('evaluation_id', '=', evaluationId).executeTakeFirst();
  }

  /**
   * Writes the next status only if nobody changed the order since `version` was read: of two people
   * acting at once one wins, the other updates nothing (and gets a conflict).
   */
  async update(trx: Executor, id: number, version: number, set: Partial<Pick<WorkOrder, 'state' | 'decision' | 'review_round' | 'closed_at' | 'first_contact_due' | 'rectify_due' | 'feedback_due'>>): Promise<WorkOrder | undefined> {
    return trx
      .updateTable('work_orders')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }

  events(workOrderId: number) {
    return this.db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', workOrderId).orderBy('id').execute();
  }

  list(scope: DataScope & { orgPaths?: string[] }, f: WorkOrderListFilter) {
    let q = this.db
      .selectFrom('work_orders')
      .selectAll()
      .where(scopeCondition(scope, 'region_code', 'org_path'))
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.overdueAt) {
      const at = f.overdueAt;
      // The deadline that matters in each state, as pendingDeadline() in the domain says.
      q = q.where('closed_at', 'is', null).where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'opened'), eb('first_contact_due', '<=', at)]),
          eb.and([eb('state', 'in', ['assigned', 'verifying', 'decided']), eb('rectify_due', '<=', at)]),
          eb.and([eb('state', '=', 'rectified'), eb('feedback_due', '<=', at)]),
        ]),
      );
    }
    return q.execute();
  }
}
