import type { AlertDeadline, AlertFlag, AlertLevel } from '@hcp/domain';
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WorkOrderAlertTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

/** The deadline an order in its state is working towards, as pendingDeadline() in the domain says. */
const pendingKind = sql<string | null>`(case when state = 'opened' then 'firstContactDue' when state in ('assigned','verifying','decided') then 'rectifyDue' when state = 'rectified' then 'feedbackDue' end)`;
const pendingDue = sql<Date | null>`(case when state = 'opened' then first_contact_due when state in ('assigned','verifying','decided') then rectify_due when state = 'rectified' then feedback_due end)`;

/**
 * Orders (of work_orders, unaliased) that show `flag` now: the recorded alert belongs to the deadline
 * they are still working towards (currentAlert() in the domain).
 */
export function currentFlagCondition(flag: AlertFlag): Expression<SqlBool> {
  return sql<SqlBool>`(closed_at is null and alert_level = ${flag} and alert_deadline = ${pendingKind} and alert_due = ${pendingDue})`;
}

/** Warnings (预警), red cards (红牌) and escalations of work-order deadlines, for the clock job. */
export class WorkOrderAlertRepository {
  constructor(private readonly db: Database) {}

  /** A page of the open orders in id order (work_orders_open_id_idx), with their unit's name. */
  openOrders(afterId: number, limit: number) {
    return this.db
      .selectFrom('work_orders as w')
      .innerJoin('organisations as u', 'u.id', 'w.unit_id')
      .selectAll('w')
      .select('u.name as unit_name')
      .where('w.closed_at', 'is', null)
      .where('w.id', '>', afterId)
      .orderBy('w.id')
      .limit(limit)
      .execute();
  }

  /** The pending appeals (复核申诉) of these orders whose decision has a due time. */
  pendingAppeals(orderIds: number[]) {
    if (orderIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('work_order_requests')
      .select(['id', 'work_order_id', 'decision_due'])
      .where('work_order_id', 'in', orderIds)
      .where('kind', '=', 'appeal')
      .where('status', '=', 'pending')
      .where('decision_due', 'is not', null)
      .orderBy('id')
      .execute();
  }

  /** The alerts already raised for these orders. */
  raisedFor(orderIds: number[]) {
    if (orderIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('work_order_alerts')
      .select(['work_order_id', 'deadline', 'request_id', 'review_round', 'due_at', 'level'])
      .where('work_order_id', 'in', orderIds)
      .execute();
  }

  /** Every alert of one order, oldest first. */
  ofOrder(orderId: number) {
    return this.db.selectFrom('work_order_alerts').selectAll().where('work_order_id', '=', orderId).orderBy('id').execute();
  }

  /**
   * Takes the one slot of this alert; undefined when it was raised already (by an earlier run, or by
   * another instance right now: PostgreSQL makes the second insert wait for the first to commit).
   */
  async claim(trx: Executor, row: Insertable<WorkOrderAlertTable>): Promise<number | undefined> {
    const r = await trx
      .insertInto('work_order_alerts')
      .values(row)
      .onConflict((oc) => oc.columns(['work_order_id', 'deadline', 'request_id', 'review_round', 'due_at', 'level']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  }

  async setRecipients(trx: Executor, id: number, recipients: number): Promise<void> {
    await trx.updateTable('work_order_alerts').set({ recipients }).where('id', '=', id).execute();
  }

  /**
   * Records the alert on the order for lists and filters. A warning never replaces a red card of the
   * same deadline; a new deadline starts afresh. The order's version is not touched: an alert is not
   * a step, and must not make a person's concurrent step fail.
   */
  async flagOrder(trx: Executor, orderId: number, a: { deadline: AlertDeadline; due: Date; level: AlertLevel; at: Date }): Promise<void> {
    // Never null (an order not alerted yet has null columns), so `not same` holds for it.
    const same = sql<SqlBool>`coalesce(alert_deadline = ${a.deadline} and alert_due = ${a.due}, false)`;
    const keep = (column: 'warning_at' | 'red_card_at' | 'escalated_at') => sql<Date | null>`case when ${same} then ${sql.ref(column)} end`;
    let q = trx.updateTable('work_orders').where('id', '=', orderId);
    if (a.level === 'warning') {
      q = q.set({ alert_deadline: a.deadline, alert_due: a.due, alert_level: 'warning', warning_at: a.at, red_card_at: null, escalated_at: null }).where(sql<SqlBool>`not (${same} and alert_level = 'red_card')`);
    } else if (a.level === 'red_card') {
      q = q.set({ alert_deadline: a.deadline, alert_due: a.due, alert_level: 'red_card', red_card_at: a.at, warning_at: keep('warning_at'), escalated_at: keep('escalated_at') });
    } else {
      q = q.set({ escalated_at: a.at }).where(same);
    }
    await q.execute();
  }
}
