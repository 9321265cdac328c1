import { sql, type Kysely } from 'kysely';

/**
 * Window rating devices (评价器) and the requests that make them show the rating screen. Pairing codes
 * and device tokens are stored only as hashes. Policy versions written before the device periods
 * existed get their national defaults, so every stored version has every field.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table devices (
      id integer generated always as identity primary key,
      window_id integer not null references organisations(id),
      name varchar(100) not null,
      pairing_code_hash char(64),
      pairing_expires_at timestamptz,
      token_hash char(64),
      paired_at timestamptz,
      last_seen_at timestamptz,
      active boolean not null default true,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- One active device per window: a request for the window must reach exactly one screen.
    create unique index devices_active_window_uniq on devices(window_id) where active;
    create unique index devices_pairing_code_uniq on devices(pairing_code_hash) where pairing_code_hash is not null;
    create unique index devices_token_uniq on devices(token_hash) where token_hash is not null;

    create table device_requests (
      id bigint generated always as identity primary key,
      device_id integer not null references devices(id),
      case_id bigint not null references cases(id),
      visit_no smallint not null default 1 check (visit_no between 1 and 99),
      requested_by_kind varchar(16) not null check (requested_by_kind in ('user','integration','system')),
      requested_by_id integer,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      status varchar(12) not null default 'pending' check (status in ('pending','shown','done','cancelled','expired')),
      evaluation_id bigint references evaluations(id),
      finished_at timestamptz
    );
    create index device_requests_open_idx on device_requests(device_id, id) where status in ('pending','shown');
    create index device_requests_case_idx on device_requests(case_id);
  `.execute(db);
  await sql`update evaluation_policies set policy = '{"devicePairingMinutes": 15, "deviceRequestMinutes": 10}'::jsonb || policy`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists device_requests, devices cascade`.execute(db);
  await sql`update evaluation_policies set policy = policy - 'devicePairingMinutes' - 'deviceRequestMinutes'`.execute(db);
}
