import { sql, type Kysely } from 'kysely';

/**
 * What can happen to a stored rating later, without ever deleting it:
 * - an upheld appeal (复核申诉) marks it 误评 (mistaken) or 恶意差评 (malicious): still stored, never
 *   counted in statistics;
 * - a satisfied revisit (回访) records the evaluator's new rating as the case's latest evaluation: the
 *   original stays in history and points at the rating that superseded it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table evaluations add column excluded_as varchar(16) check (excluded_as in ('mistaken','malicious'));
    alter table evaluations add column excluded_at timestamptz;
    alter table evaluations add column superseded_by bigint references evaluations(id);
    alter table evaluations add constraint evaluations_excluded_both check ((excluded_as is null) = (excluded_at is null));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table evaluations drop constraint evaluations_excluded_both;
    alter table evaluations drop column superseded_by;
    alter table evaluations drop column excluded_at;
    alter table evaluations drop column excluded_as;
  `.execute(db);
}
