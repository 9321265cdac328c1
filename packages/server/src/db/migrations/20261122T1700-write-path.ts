import { sql, type Kysely } from 'kysely';

/**
 * The write path at province scale (issue 7):
 * - where the default job (默认评价) has got to, so a run reads only cases completed or changed since
 *   the last one instead of every unrated case there is;
 * - the idempotency key of a rating indexed only where there is one: default ratings and most
 *   staff-entered ones have none, and need not pay for an index entry each;
 * - completed cases indexed by (completed_at, id), the order the default job reads them in;
 * - no second foreign-key check of what a rating copies from its case: its item, unit, window, hall
 *   and staff member were checked when the case was written (and none of them is ever deleted),
 *   while checking them again cost five index lookups and five row locks for every rating stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evaluation_default_watermarks (
      name varchar(32) primary key,
      -- Every case completed up to this instant has its first rating, its default, or cannot be rated yet.
      completed_through timestamptz,
      -- The start (on this server's clock) of the last run: cases changed since then are read again.
      run_started_at timestamptz,
      updated_at timestamptz not null default now()
    );

    alter table evaluations drop constraint evaluations_idempotency_key_key;
    create unique index evaluations_idempotency_key_uniq on evaluations(idempotency_key) where idempotency_key is not null;

    drop index cases_completed_idx;
    create index cases_completed_idx on cases(completed_at, id) where completed_at is not null;

    alter table evaluations
      drop constraint evaluations_item_id_fkey,
      drop constraint evaluations_unit_id_fkey,
      drop constraint evaluations_window_id_fkey,
      drop constraint evaluations_hall_id_fkey,
      drop constraint evaluations_staff_id_fkey;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table evaluations
      add constraint evaluations_item_id_fkey foreign key (item_id) references service_items(id),
      add constraint evaluations_unit_id_fkey foreign key (unit_id) references organisations(id),
      add constraint evaluations_window_id_fkey foreign key (window_id) references organisations(id),
      add constraint evaluations_hall_id_fkey foreign key (hall_id) references organisations(id),
      add constraint evaluations_staff_id_fkey foreign key (staff_id) references staff(id);
    drop index cases_completed_idx;
    create index cases_completed_idx on cases(completed_at) where completed_at is not null;
    drop index evaluations_idempotency_key_uniq;
    alter table evaluations add constraint evaluations_idempotency_key_key unique (idempotency_key);
    drop table evaluation_default_watermarks;
  `.execute(db);
}
