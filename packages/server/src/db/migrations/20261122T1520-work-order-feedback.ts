import { sql, type Kysely } from 'kysely';

/**
 * The end of the closed loop: feedback (反馈) to the evaluator, the revisit (回访) and the public reply
 * (公开答复) of a work order.
 * - work_order_links: the single-purpose links of feedback SMS, to the evaluator's page (kept as hashes);
 * - the revisit rating an order closed with, and whether the evaluator called the first one a mistake (误评);
 * - the public reply, published with the masked rating;
 * - on steps: who took them when it was the evaluator online, the rating a step recorded, and the
 *   idempotency key of a retried step;
 * - a revisit rating takes a round of its own after the first rating and its follow-ups, so rounds go
 *   up to 9 (GB/T 39046 评价次数 is n..2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table evaluations drop constraint evaluations_round_check;
    alter table evaluations add constraint evaluations_round_check check (round between 1 and 9);

    alter table work_orders add column revisit_evaluation_id bigint references evaluations(id);
    alter table work_orders add column revisit_mistaken boolean not null default false;
    alter table work_orders add column public_reply varchar(500);
    alter table work_orders add column public_reply_at timestamptz;
    alter table work_orders add column public_reply_by integer references users(id);
    alter table work_orders add constraint work_orders_public_reply_both check ((public_reply is null) = (public_reply_at is null));
    create index work_orders_public_reply_idx on work_orders(region_code, public_reply_at) where public_reply is not null;

    alter table work_order_events add column actor_kind varchar(16) check (actor_kind in ('user','system','evaluator'));
    alter table work_order_events add column evaluation_id bigint references evaluations(id);
    alter table work_order_events add column idempotency_key varchar(100);
    create unique index work_order_events_idempotency_idx on work_order_events(work_order_id, idempotency_key) where idempotency_key is not null;

    create table work_order_links (
      id bigint generated always as identity primary key,
      work_order_id bigint not null references work_orders(id),
      token_hash char(64) not null unique,
      review_round smallint not null,
      sms_message_id bigint references sms_messages(id),
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index work_order_links_order_idx on work_order_links(work_order_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists work_order_links;
    drop index if exists work_order_events_idempotency_idx;
    alter table work_order_events drop column idempotency_key;
    alter table work_order_events drop column evaluation_id;
    alter table work_order_events drop column actor_kind;
    drop index if exists work_orders_public_reply_idx;
    alter table work_orders drop constraint work_orders_public_reply_both;
    alter table work_orders drop column public_reply_by;
    alter table work_orders drop column public_reply_at;
    alter table work_orders drop column public_reply;
    alter table work_orders drop column revisit_mistaken;
    alter table work_orders drop column revisit_evaluation_id;
    alter table evaluations drop constraint evaluations_round_check;
    alter table evaluations add constraint evaluations_round_check check (round between 1 and 4);
  `.execute(db);
}
