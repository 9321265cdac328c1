import { sql, type Kysely } from 'kysely';

/**
 * Detection of manipulated ratings (刷评 / 恶意评价) and its review queue. Ratings are never changed
 * or deleted by it: flags point at them.
 * - evaluations.device_id: the window device (评价器) that took a rating; evaluations.client_ip_hash:
 *   the keyed hash of the address a public page was submitted from (the address itself is never
 *   stored). Both are filled by the channels from now on; device ratings made before get their device
 *   from the request that showed their screen.
 * - staff.phone_bidx / id_bidx: blind indexes of a staff member's own phone and ID number (no clear
 *   text, no ciphertext: they are only ever compared), so that a staff member rating their own case
 *   is seen; phone_masked shows that one is registered.
 * - rating_flags: one finding of one detector for one unit, waiting for review (pending) or reviewed
 *   (confirmed / dismissed, with who, when and why). One pending flag per detector, subject and unit,
 *   so later scans add their ratings to it.
 * - rating_flag_items: the ratings of a flag; a rating is in at most one flag per detector.
 * - rating_text_prints: the hash of each scanned rating's normalised text, to find the same text on
 *   other cases without reading every text again.
 * - detection_watermarks: the last evaluation id the scan has looked at.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table evaluations add column device_id integer references devices(id);
    alter table evaluations add column client_ip_hash char(64);
    create index evaluations_device_idx on evaluations(device_id, submitted_at) where device_id is not null;
    create index evaluations_client_ip_idx on evaluations(client_ip_hash, submitted_at) where client_ip_hash is not null;
    create index evaluations_evaluator_phone_idx on evaluations(evaluator_phone_bidx, submitted_at) where evaluator_phone_bidx is not null;
    update evaluations e set device_id = r.device_id from device_requests r where r.evaluation_id = e.id;

    alter table staff add column phone_bidx char(64);
    alter table staff add column phone_masked varchar(20);
    alter table staff add column id_bidx char(64);
    create index staff_phone_bidx_idx on staff(phone_bidx) where phone_bidx is not null;
    create index staff_id_bidx_idx on staff(id_bidx) where id_bidx is not null;

    create table rating_flags (
      id bigint generated always as identity primary key,
      detector varchar(32) not null,
      subject varchar(120) not null,
      unit_id integer not null references organisations(id),
      region_code char(12) not null,
      org_path text not null,
      score double precision not null,
      reason jsonb not null,
      evidence jsonb not null default '{}',
      rating_count integer not null check (rating_count > 0),
      first_at timestamptz not null,
      last_at timestamptz not null,
      status varchar(12) not null default 'pending' check (status in ('pending','confirmed','dismissed')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      reviewed_by integer references users(id),
      reviewed_at timestamptz,
      review_reason varchar(500),
      constraint rating_flags_reviewed check ((status = 'pending') = (reviewed_at is null) and (status = 'pending') = (review_reason is null))
    );
    create unique index rating_flags_pending_uniq on rating_flags(detector, subject, unit_id) where status = 'pending';
    create index rating_flags_region_idx on rating_flags(region_code, id);
    create index rating_flags_org_path_idx on rating_flags(org_path text_pattern_ops);

    create table rating_flag_items (
      detector varchar(32) not null,
      evaluation_id bigint not null references evaluations(id),
      flag_id bigint not null references rating_flags(id),
      primary key (detector, evaluation_id)
    );
    create index rating_flag_items_flag_idx on rating_flag_items(flag_id);
    create index rating_flag_items_evaluation_idx on rating_flag_items(evaluation_id);

    create table rating_text_prints (
      evaluation_id bigint primary key references evaluations(id),
      fingerprint char(64) not null,
      submitted_at timestamptz not null
    );
    create index rating_text_prints_idx on rating_text_prints(fingerprint, submitted_at);

    create table detection_watermarks (
      name varchar(32) primary key,
      scanned_to_id bigint not null,
      updated_at timestamptz not null default now()
    );
    insert into detection_watermarks (name, scanned_to_id) values ('ratings', 0);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists detection_watermarks, rating_text_prints, rating_flag_items, rating_flags;
    drop index if exists staff_id_bidx_idx;
    drop index if exists staff_phone_bidx_idx;
    alter table staff drop column id_bidx;
    alter table staff drop column phone_masked;
    alter table staff drop column phone_bidx;
    drop index if exists evaluations_evaluator_phone_idx;
    alter table evaluations drop column client_ip_hash;
    alter table evaluations drop column device_id;
  `.execute(db);
}
