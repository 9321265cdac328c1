import { sql, type Kysely } from 'kysely';

/**
 * No foreign-key check of the policy version a rating was judged under (issue 7, the default job):
 * policy versions are append-only (a change is a new version; none is ever updated or deleted), and
 * every rating takes its policy id from the version the service just read, while the check cost an
 * index lookup and a row lock of the same version row for each of a million default ratings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table evaluations drop constraint evaluations_policy_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table evaluations add constraint evaluations_policy_id_fkey foreign key (policy_id) references evaluation_policies(id)`.execute(db);
}
