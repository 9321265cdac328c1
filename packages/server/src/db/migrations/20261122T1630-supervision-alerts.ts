import { sql, type Kysely } from 'kysely';

/**
 * Supervision alerts (督办预警) raised by the job `supervision.alerts` (services/supervision-alert.service.ts):
 * staff with concentrated bad ratings, units with a high bad-rating rate and a low rank, and units with
 * overdue work orders, per month.
 *
 * - One row per (kind, subject, period) by the unique key, so re-runs and concurrent instances raise
 *   each alert once; the winner notifies in the same transaction. `figures` are those of the latest
 *   check (`checked_at`), `first_figures` those it was raised with.
 * - The subject's unit, region and organisation path are kept on the row for the data-scope filter.
 * - No names: the console joins them when it reads (staff names never go into the row, the audit
 *   log or the notification).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table supervision_alerts (
      id bigint generated always as identity primary key,
      kind varchar(24) not null check (kind in ('staff_bad_ratings','unit_low_rank','unit_overdue')),
      subject_id integer not null,
      unit_id integer not null references organisations(id),
      staff_id integer references staff(id),
      region_code char(12) not null,
      org_path text not null,
      period_kind varchar(8) not null check (period_kind in ('month')),
      period_key varchar(10) not null,
      period_from date not null,
      period_to date not null,
      first_figures jsonb not null,
      figures jsonb not null,
      policy_region_code char(12) not null,
      policy_version integer not null,
      raised_at timestamptz not null,
      checked_at timestamptz not null,
      recipients integer not null default 0,
      acknowledged_by integer references users(id),
      acknowledged_at timestamptz,
      acknowledge_note varchar(500),
      constraint supervision_alerts_subject check ((kind = 'staff_bad_ratings') = (staff_id is not null) and subject_id = coalesce(staff_id, unit_id)),
      constraint supervision_alerts_ack check ((acknowledged_at is null) = (acknowledged_by is null)),
      unique (kind, subject_id, period_key)
    );
    create index supervision_alerts_region_idx on supervision_alerts(region_code, id);
    create index supervision_alerts_org_path_idx on supervision_alerts(org_path text_pattern_ops);
    create index supervision_alerts_open_idx on supervision_alerts(id) where acknowledged_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists supervision_alerts`.execute(db);
}
