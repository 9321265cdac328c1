import { sql, type Kysely } from 'kysely';

/**
 * Uploaded staff photos (工作人员照片), shown on the window's rating device. The bytes live in the
 * database (bytea), so every instance on either database serves them; one row per staff member, the
 * current photo only: replacing it overwrites the row, so an old photo's address stops answering.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_photos (
      staff_id integer primary key references staff(id) on delete cascade,
      content_type varchar(32) not null check (content_type in ('image/jpeg','image/png','image/webp')),
      size_bytes integer not null check (size_bytes > 0),
      sha256 char(64) not null,
      bytes bytea not null,
      uploaded_by integer references users(id),
      uploaded_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists staff_photos`.execute(db);
}
