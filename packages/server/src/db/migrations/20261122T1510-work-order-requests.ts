import { sql, type Kysely } from 'kysely';

const STATES_BEFORE = `'opened','assigned','verifying','decided','rectified','feedback_given','closed_resolved','closed_unresolved'`;
const STATES_AFTER = `${STATES_BEFORE},'closed_appeal_upheld','closed_unrectifiable'`;

/**
 * Attachments (附件) of work orders, stored in the database so every instance and both databases
 * serve them; requests on an order (延期 extension, 复核申诉 appeal, 无法整改 cannot be rectified) with
 * their decisions; the attachments and details of each step; and the two states a request closes an
 * order in. At most one pending request of each kind per order, by a partial unique index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table work_order_attachments (
      id bigint generated always as identity primary key,
      work_order_id bigint not null references work_orders(id),
      filename varchar(200) not null,
      content_type varchar(100) not null,
      kind varchar(8) not null check (kind in ('image','pdf','office')),
      size_bytes integer not null check (size_bytes > 0),
      sha256 char(64) not null,
      bytes bytea not null,
      uploaded_by integer references users(id),
      uploaded_at timestamptz not null,
      -- The same file uploaded again to the same order (a retried upload) is the same attachment.
      unique (work_order_id, sha256)
    );

    create table work_order_requests (
      id bigint generated always as identity primary key,
      work_order_id bigint not null references work_orders(id),
      kind varchar(16) not null check (kind in ('extension','appeal','unrectifiable')),
      status varchar(12) not null default 'pending' check (status in ('pending','approved','rejected','cancelled')),
      reason text not null,
      days smallint check (days between 1 and 30),
      attachment_ids jsonb not null default '[]',
      requested_by integer references users(id),
      requested_at timestamptz not null,
      -- When the decision is due (appeals: the policy's appealDecisionWorkingDays); the warning job reads it.
      decision_due timestamptz,
      decided_by integer references users(id),
      decided_at timestamptz,
      decision_reason text,
      decision_attachment_ids jsonb not null default '[]',
      excluded_as varchar(16) check (excluded_as in ('mistaken','malicious')),
      -- A retried filing or decision with the same key answers the first one.
      idempotency_key varchar(100),
      decision_idempotency_key varchar(100),
      constraint work_order_requests_days check ((kind = 'extension') = (days is not null)),
      constraint work_order_requests_decided check ((status = 'pending') = (decided_at is null)),
      constraint work_order_requests_excluded check (excluded_as is null or (kind = 'appeal' and status = 'approved'))
    );
    create unique index work_order_requests_one_pending on work_order_requests(work_order_id, kind) where status = 'pending';
    create index work_order_requests_order_idx on work_order_requests(work_order_id, id);
    create unique index work_order_requests_idempotency_idx on work_order_requests(work_order_id, idempotency_key) where idempotency_key is not null;
    create index work_order_requests_due_idx on work_order_requests(decision_due) where status = 'pending';

    alter table work_order_events add column attachment_ids jsonb not null default '[]';
    alter table work_order_events add column detail jsonb;

    alter table work_orders drop constraint work_orders_state_check;
    alter table work_orders add constraint work_orders_state_check check (state in (${sql.raw(STATES_AFTER)}));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table work_orders drop constraint work_orders_state_check;
    alter table work_orders add constraint work_orders_state_check check (state in (${sql.raw(STATES_BEFORE)}));
    alter table work_order_events drop column detail;
    alter table work_order_events drop column attachment_ids;
    drop table if exists work_order_requests, work_order_attachments;
  `.execute(db);
}
