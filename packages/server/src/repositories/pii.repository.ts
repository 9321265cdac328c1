import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Executor } from './audit.repository.ts';

/** Every column that holds a ciphertext, by table; re-encryption walks exactly these. */
export const ENCRYPTED_COLUMNS = {
  cases: ['applicant_name_enc', 'applicant_id_enc', 'applicant_phone_enc'],
  integrations: ['secret_enc'],
  sms_inbound: ['text_enc'],
  sms_messages: ['phone_enc'],
  evaluations: ['evaluator_name_enc', 'evaluator_phone_enc'],
  suggestions: ['contact_phone_enc'],
} as const;

export type EncryptedTable = keyof typeof ENCRYPTED_COLUMNS;
export type CipherRow = { id: number } & Record<string, string | null>;

/** Finds and rewrites ciphertexts made with an old key, a batch at a time, in id order. */
export class PiiRepository {
  constructor(private readonly db: Database) {}

  async stale(table: EncryptedTable, currentPrefix: string, afterId: number, limit: number): Promise<CipherRow[]> {
    const columns = ENCRYPTED_COLUMNS[table];
    const pattern = `${currentPrefix}%`;
    const stale = sql.join(columns.map((c) => sql`(${sql.ref(c)} is not null and ${sql.ref(c)} not like ${pattern})`), sql` or `);
    const rows = await sql<CipherRow>`
      select id, ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
      where id > ${afterId} and (${stale}) order by id limit ${limit}`.execute(this.db);
    return rows.rows;
  }

  async rewrite(trx: Executor, table: EncryptedTable, row: CipherRow): Promise<void> {
    const sets = ENCRYPTED_COLUMNS[table].map((c) => sql`${sql.ref(c)} = ${row[c] ?? null}`);
    await sql`update ${sql.table(table)} set ${sql.join(sets)} where id = ${row.id}`.execute(trx);
  }
}
