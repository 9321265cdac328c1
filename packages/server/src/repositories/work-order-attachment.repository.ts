import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WorkOrderAttachmentTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

/** Every column but the bytes: what lists and the order's page show. */
const META = ['id', 'work_order_id', 'filename', 'content_type', 'kind', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_at'] as const;

/** Attachments (附件) of work orders, bytes in the database (bytea) so every instance serves them. */
export class WorkOrderAttachmentRepository {
  constructor(private readonly db: Database) {}

  async insert(trx: Executor, row: Insertable<WorkOrderAttachmentTable>) {
    return trx.insertInto('work_order_attachments').values(row).returning(META).executeTakeFirstOrThrow();
  }

  /** The same file already attached to the order (a retried upload). */
  findBySha(workOrderId: number, sha256: string, db: Executor = this.db) {
    return db.selectFrom('work_order_attachments').select(META).where('work_order_id', '=', workOrderId).where('sha256', '=', sha256).executeTakeFirst();
  }

  async count(workOrderId: number, db: Executor = this.db): Promise<number> {
    const row = await db.selectFrom('work_order_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('work_order_id', '=', workOrderId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  list(workOrderId: number, db: Executor = this.db) {
    return db.selectFrom('work_order_attachments').select(META).where('work_order_id', '=', workOrderId).orderBy('id').execute();
  }

  /** One attachment of one order, with its bytes. */
  async find(workOrderId: number, id: number, db: Executor = this.db) {
    const row = await db.selectFrom('work_order_attachments').selectAll().where('work_order_id', '=', workOrderId).where('id', '=', id).executeTakeFirst();
    // pg gives a Buffer, PGlite a Uint8Array: callers always get a Buffer.
    return row && { ...row, bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
  }
}

export type AttachmentMeta = Awaited<ReturnType<WorkOrderAttachmentRepository['list']>>[number];
