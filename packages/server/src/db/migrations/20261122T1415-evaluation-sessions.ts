import { sql, type Kysely } from 'kysely';

/**
 * Evaluation sessions: every public channel (invitation token, signed portal link, QR code with a
 * one-time code) ends in a short-lived session bound to one case, which the evaluation page uses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evaluation_sessions (
      id bigint generated always as identity primary key,
      token_hash char(64) not null unique,
      case_id bigint not null references cases(id),
      channel varchar(16) not null,
      real_name boolean not null,
      platform_id integer references platforms(id),
      source_ref varchar(100),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      evaluation_id bigint references evaluations(id)
    );
    create index evaluation_sessions_case_idx on evaluation_sessions(case_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists evaluation_sessions`.execute(db);
}
