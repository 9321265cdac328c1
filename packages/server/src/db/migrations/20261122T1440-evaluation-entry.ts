import { sql, type Kysely } from 'kysely';

/**
 * Scans of paper evaluation forms (书面评价表) entered by staff, and the index the GB/T 39046 export
 * and the staff listing page through by submission time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evaluation_scans (
      id bigint generated always as identity primary key,
      evaluation_id bigint not null unique references evaluations(id),
      content_type varchar(32) not null check (content_type in ('application/pdf','image/jpeg','image/png')),
      bytes bytea not null,
      sha256 char(64) not null,
      uploaded_by integer references users(id),
      created_at timestamptz not null default now()
    );
    create index evaluations_submitted_idx on evaluations(submitted_at, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists evaluations_submitted_idx;
    drop table if exists evaluation_scans;
  `.execute(db);
}
