import { sql, type Kysely } from 'kysely';

/**
 * In-app notifications (站内通知) for staff, and the warnings (预警), red cards (红牌) and escalations
 * of work-order deadlines that the job `workorders.clock` raises.
 *
 * - notifications: one row per recipient, written in the transaction of what caused it; a dedupe key
 *   (unique per user) makes a re-run or a second instance write it once.
 * - work_order_alerts: every alert raised, once per (order, deadline, request, review round, due
 *   instant, level) by its unique key — the guarantee that holds under re-runs and concurrent workers.
 *   A deadline that moves (an extension, a new review round) is a new due instant with alerts of its own.
 * - work_orders.alert_*: the latest deadline alerted and its level, so lists show and filter the flag
 *   without reading the alerts; it counts only while that deadline is the one the order is working towards.
 * - work_orders_open_id_idx: the job walks the open orders by id, never the closed history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id bigint generated always as identity primary key,
      user_id integer not null references users(id),
      kind varchar(40) not null,
      title varchar(200) not null,
      body text not null,
      target_type varchar(32),
      target_id varchar(64),
      data jsonb not null default '{}',
      dedupe_key varchar(200),
      created_at timestamptz not null,
      read_at timestamptz,
      unique (user_id, dedupe_key)
    );
    create index notifications_user_idx on notifications(user_id, id);
    create index notifications_unread_idx on notifications(user_id) where read_at is null;

    create table work_order_alerts (
      id bigint generated always as identity primary key,
      work_order_id bigint not null references work_orders(id),
      deadline varchar(24) not null check (deadline in ('firstContactDue','rectifyDue','feedbackDue','appealDecisionDue')),
      -- The request whose decision is due (appeals), 0 for the order's own deadlines.
      request_id bigint not null default 0,
      review_round smallint not null,
      due_at timestamptz not null,
      level varchar(12) not null check (level in ('warning','red_card','escalation')),
      raised_at timestamptz not null,
      recipients integer not null default 0,
      unique (work_order_id, deadline, request_id, review_round, due_at, level)
    );
    create index work_order_alerts_order_idx on work_order_alerts(work_order_id, id);

    alter table work_orders add column alert_deadline varchar(24);
    alter table work_orders add column alert_due timestamptz;
    alter table work_orders add column alert_level varchar(12) check (alert_level in ('warning','red_card'));
    alter table work_orders add column warning_at timestamptz;
    alter table work_orders add column red_card_at timestamptz;
    alter table work_orders add column escalated_at timestamptz;
    create index work_orders_open_id_idx on work_orders(id) where closed_at is null;
    create index work_orders_alert_idx on work_orders(alert_level, alert_due) where closed_at is null and alert_level is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists work_orders_alert_idx;
    drop index if exists work_orders_open_id_idx;
    alter table work_orders drop column escalated_at;
    alter table work_orders drop column red_card_at;
    alter table work_orders drop column warning_at;
    alter table work_orders drop column alert_level;
    alter table work_orders drop column alert_due;
    alter table work_orders drop column alert_deadline;
    drop table if exists work_order_alerts, notifications;
  `.execute(db);
}
