import type { AlertFlag } from '@hcp/domain';
import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WorkOrder, WorkOrderEventTable, WorkOrderTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';
import { currentFlagCondition } from './work-order-alert.repository.ts';

export interface WorkOrderListFilter {
  state?: WorkOrder['state'];
  /** Only open orders with a deadline passed at this instant. */
  overdueAt?: Date;
  /** Only orders showing this warning (预警) or red card (红牌) on their pending deadline. */
  flag?: AlertFlag;
  /** A window clerk's list: only their own orders, as ownOrderCondition says. */
  own?: OwnOrders;
  limit: number;
  offset: number;
}

/**
 * A window clerk's own orders: those about their staff record, once the rating that opened them may
 * be shown to them — the order's policy version's clerkSeesRatingsAfterHours after it opened.
 */
export interface OwnOrders {
  staffId: number;
  now: Date;
  /** For a policy version saved before the field existed. */
  fallbackHours: number;
}

const ownOrderCondition = (own: OwnOrders) =>
  sql<SqlBool>`(work_orders.staff_id = ${own.staffId} and work_orders.opened_at + make_interval(hours => coalesce((select (p.policy->>'clerkSeesRatingsAfterHours')::int from evaluation_policies p where p.id = work_orders.policy_id), ${own.fallbackHours})) <= ${own.now})`;

/** An order's case, item, unit, staff member and rating, as lists show them. */
export interface WorkOrderSummary {
  caseNo: string;
  itemName: string;
  unitName: string;
  staffName: string | null;
  level: number;
  realName: boolean;
  excludedAs: 'mistaken' | 'malicious' | null;
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

  /** insert() of several orders in one statement (one per rating), answered in the order given. */
  async insertMany(trx: Executor, rows: (Insertable<WorkOrderTable> & { evaluation_id: number })[]): Promise<WorkOrder[]> {
    if (rows.length === 0) return [];
    const inserted = await trx.insertInto('work_orders').values(rows).returningAll().execute();
    const byEvaluation = new Map(inserted.map((o) => [o.evaluation_id, o]));
    return rows.map((r) => byEvaluation.get(r.evaluation_id)!);
  }

  async insertEvents(trx: Executor, rows: Insertable<WorkOrderEventTable>[]): Promise<void> {
    if (rows.length > 0) await trx.insertInto('work_order_events').values(rows).execute();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** find() for a window clerk: undefined unless the order is one of their own (ownOrderCondition). */
  findOwn(id: number, own: OwnOrders) {
    return this.db.selectFrom('work_orders').selectAll().where('id', '=', id).where(ownOrderCondition(own)).executeTakeFirst();
  }

  findByEvaluation(evaluationId: number) {
    return this.db.selectFrom('work_orders').selectAll().where('evaluation_id', '=', evaluationId).executeTakeFirst();
  }

  /**
   * Writes the next status only if nobody changed the order since `version` was read: of two people
   * acting at once one wins, the other updates nothing (and gets a conflict).
   */
  async update(
    trx: Executor,
    id: number,
    version: number,
    set: Partial<Pick<WorkOrder, 'state' | 'decision' | 'review_round' | 'closed_at' | 'first_contact_due' | 'rectify_due' | 'feedback_due' | 'revisit_evaluation_id' | 'revisit_mistaken' | 'public_reply' | 'public_reply_at' | 'public_reply_by' | 'unit_id' | 'region_code' | 'org_path'>>,
  ): Promise<WorkOrder | undefined> {
    return trx
      .updateTable('work_orders')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }

  /** The step a retried request already took, by the key its client sent. */
  eventByKey(workOrderId: number, key: string, db: Executor = this.db) {
    return db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', workOrderId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** Which of `ids` are attachments of this order (a step or request may refer only to those). */
  async existingAttachmentIds(workOrderId: number, ids: readonly number[], db: Executor = this.db): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('work_order_attachments').select('id').where('work_order_id', '=', workOrderId).where('id', 'in', [...ids]).execute();
    return rows.map((r) => r.id);
  }

  events(workOrderId: number) {
    return this.db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', workOrderId).orderBy('id').execute();
  }

  /** The steps of an order with the display name of the staff account that took each (for the console's timeline). */
  eventsWithActors(workOrderId: number) {
    return this.db
      .selectFrom('work_order_events as ev')
      .leftJoin('users as u', 'u.id', 'ev.actor_user_id')
      .selectAll('ev')
      .select('u.display_name as actor_name')
      .where('ev.work_order_id', '=', workOrderId)
      .orderBy('ev.id')
      .execute();
  }

  /**
   * What lists and the order page show beside each order: the case, the item, the unit and staff
   * member it is with, and the level, real-name flag and exclusion of its rating. Never who rated.
   */
  async summaries(ids: readonly number[]): Promise<Map<number, WorkOrderSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('work_orders as o')
      .innerJoin('evaluations as e', 'e.id', 'o.evaluation_id')
      .innerJoin('cases as c', 'c.id', 'o.case_id')
      .innerJoin('service_items as i', 'i.id', 'e.item_id')
      .innerJoin('organisations as u', 'u.id', 'o.unit_id')
      .leftJoin('staff as s', 's.id', 'o.staff_id')
      .select(['o.id', 'c.case_no', 'i.name as item_name', 'u.name as unit_name', 's.name as staff_name', 'e.level', 'e.real_name', 'e.excluded_as'])
      .where('o.id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, { caseNo: r.case_no, itemName: r.item_name, unitName: r.unit_name, staffName: r.staff_name, level: r.level, realName: r.real_name, excludedAs: r.excluded_as }]));
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
    if (f.flag) q = q.where(currentFlagCondition(f.flag));
    if (f.own) q = q.where(ownOrderCondition(f.own));
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
