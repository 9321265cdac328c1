import type { Database } from '../db/database.ts';
import type { EvaluationScanTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

/** Scans of paper evaluation forms (书面评价表), one per evaluation. */
export class EvaluationScanRepository {
  constructor(private readonly db: Database) {}

  async insert(trx: Executor, scan: { evaluationId: number; contentType: EvaluationScanTable['content_type']; bytes: Buffer; sha256: string; uploadedBy: number | null }): Promise<number> {
    const row = await trx
      .insertInto('evaluation_scans')
      .values({ evaluation_id: scan.evaluationId, content_type: scan.contentType, bytes: scan.bytes, sha256: scan.sha256, uploaded_by: scan.uploadedBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findByEvaluation(evaluationId: number, db: Executor = this.db) {
    const row = await db.selectFrom('evaluation_scans').selectAll().where('evaluation_id', '=', evaluationId).executeTakeFirst();
    // pg gives a Buffer, PGlite a Uint8Array: callers always get a Buffer.
    return row && { ...row, bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
  }
}
