import type { Database } from '../db/database.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { ENCRYPTED_COLUMNS, type EncryptedTable, type PiiRepository } from '../repositories/pii.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, requirePermission, type Ctx } from './actor.ts';

/**
 * Key rotation (密钥轮换): after a new key is put first in HCP_ENCRYPTION_KEYS (old keys kept for
 * reading), this rewrites every ciphertext under the new key, so the old one can then be retired.
 * Safe to stop and run again: each batch commits on its own and finished rows are not touched twice.
 */
export class KeyRotationService {
  constructor(
    private readonly db: Database,
    private readonly pii: PiiRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditRepository,
  ) {}

  async reencryptAll(ctx: Ctx, batchSize = 500): Promise<Record<EncryptedTable, number>> {
    requirePermission(ctx, 'user.manage');
    const prefix = this.cipher.currentPrefix();
    const counts = Object.fromEntries(Object.keys(ENCRYPTED_COLUMNS).map((t) => [t, 0])) as Record<EncryptedTable, number>;
    for (const table of Object.keys(ENCRYPTED_COLUMNS) as EncryptedTable[]) {
      let after = 0;
      for (;;) {
        const rows = await this.pii.stale(table, prefix, after, batchSize);
        if (rows.length === 0) break;
        await this.db.transaction().execute(async (trx) => {
          for (const row of rows) {
            for (const column of ENCRYPTED_COLUMNS[table]) {
              const value = row[column];
              if (value && this.cipher.needsRotation(value)) row[column] = this.cipher.encrypt(this.cipher.decrypt(value));
            }
            await this.pii.rewrite(trx, table, row);
          }
        });
        counts[table] += rows.length;
        after = rows[rows.length - 1]!.id;
      }
    }
    await this.audit.record({ ...auditActor(ctx), action: 'pii.reencrypt', detail: { ...counts, keyPrefix: prefix } });
    return counts;
  }
}
