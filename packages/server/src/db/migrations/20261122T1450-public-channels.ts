import { sql, type Kysely } from 'kysely';

/**
 * The public channels: a stable public key per window for its QR code (二维码), the signatures of
 * portal links already used (replay protection, kept until they expire), SMS one-time codes, hourly
 * rate-limit counters keyed by hashes, and the suggestion box (意见箱).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 12 hex digits (48 random bits) from the random part of a v4 UUID: evaluated per row, so every
    -- existing organisation gets its own, and every new one gets one without any code asking for it.
    -- Only windows answer /q/<key>.
    alter table organisations add column public_key varchar(24) not null default substr(replace(gen_random_uuid()::text, '-', ''), 1, 12);
    create unique index organisations_public_key_uniq on organisations(public_key);

    create table signed_link_uses (
      sig_hash char(64) primary key,
      integration_id integer not null references integrations(id),
      case_id bigint not null references cases(id),
      expires_at timestamptz not null,
      used_at timestamptz not null default now()
    );
    create index signed_link_uses_expiry_idx on signed_link_uses(expires_at);

    create table public_otps (
      id bigint generated always as identity primary key,
      window_id integer not null references organisations(id),
      phone_bidx char(64) not null,
      code_hash char(64) not null,
      salt char(32) not null,
      attempts smallint not null default 0,
      max_attempts smallint not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index public_otps_lookup_idx on public_otps(window_id, phone_bidx, created_at);

    -- One row per (what is limited, whose hash, clock hour); old hours are deleted as new ones start.
    create table public_rate_counters (
      bucket varchar(32) not null,
      key_hash char(64) not null,
      window_start timestamptz not null,
      count integer not null default 0,
      primary key (bucket, key_hash, window_start)
    );
    create index public_rate_counters_window_idx on public_rate_counters(window_start);

    create table suggestions (
      id bigint generated always as identity primary key,
      region_code char(12),
      org_id integer references organisations(id),
      org_path text,
      window_id integer references organisations(id),
      answers jsonb not null default '{}',
      text varchar(2000),
      contact_phone_enc text,
      contact_phone_masked varchar(32),
      policy_id integer not null references evaluation_policies(id),
      ip_hash char(64) not null,
      idempotency_key varchar(100) unique,
      created_at timestamptz not null default now()
    );
    create index suggestions_region_idx on suggestions(region_code, created_at);
    create index suggestions_org_path_idx on suggestions(org_path text_pattern_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists suggestions, public_rate_counters, public_otps, signed_link_uses;
    drop index if exists organisations_public_key_uniq;
    alter table organisations drop column if exists public_key;
  `.execute(db);
}
