import { sql, type Kysely } from 'kysely';

/**
 * Work orders (整改工单): one per bad rating, opened in the rating's transaction, with the steps taken
 * on it. Scope columns (region_code, org_path) are copied from the rating so lists filter like ratings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table work_orders (
      id bigint generated always as identity primary key,
      evaluation_id bigint not null unique references evaluations(id),
      case_id bigint not null references cases(id),
      unit_id integer not null references organisations(id),
      staff_id integer references staff(id),
      region_code char(12) not null,
      org_path text not null,
      state varchar(24) not null check (state in ('opened','assigned','verifying','decided','rectified','feedback_given','closed_resolved','closed_unresolved')),
      decision varchar(24) check (decision in ('fix_now','fix_by_deadline','explain')),
      review_round smallint not null default 1,
      opened_at timestamptz not null,
      first_contact_due timestamptz not null,
      rectify_due timestamptz not null,
      feedback_due timestamptz not null,
      closed_at timestamptz,
      policy_id integer not null references evaluation_policies(id),
      -- Bumped by every step: an update that names the version it read loses to a concurrent one.
      version integer not null default 1
    );
    create index work_orders_region_idx on work_orders(region_code, opened_at);
    create index work_orders_org_path_idx on work_orders(org_path text_pattern_ops);
    create index work_orders_open_idx on work_orders(state, feedback_due) where closed_at is null;

    create table work_order_events (
      id bigint generated always as identity primary key,
      work_order_id bigint not null references work_orders(id),
      action varchar(32) not null,
      actor_user_id integer references users(id),
      at timestamptz not null,
      text text,
      from_state varchar(24),
      to_state varchar(24) not null
    );
    create index work_order_events_order_idx on work_order_events(work_order_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists work_order_events, work_orders;`.execute(db);
}
