import { createHash } from 'node:crypto';
import { isClosed, type AttachmentKind } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { WorkOrder } from '../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { AttachmentMeta, WorkOrderAttachmentRepository } from '../repositories/work-order-attachment.repository.ts';
import type { WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { sniffAttachment } from '../security/attachment-sniff.ts';
import { auditActor, requireInScope, requirePermission, type Ctx } from './actor.ts';
import { readableOrder } from './work-order-access.ts';
import { orderRules } from './work-order-request.service.ts';

const UNIQUE_VIOLATION = '23505';
const KIND_NAMES: Record<AttachmentKind, string> = { image: 'images (JPEG, PNG, GIF, WebP)', pdf: 'PDF', office: 'Office documents (Word, Excel, PowerPoint)' };

/** A file name as shown and offered on download: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || 'attachment';
}

export interface AttachmentDeps {
  db: Database;
  orders: WorkOrderRepository;
  attachments: WorkOrderAttachmentRepository;
  evaluations: EvaluationRepository;
  audit: AuditRepository;
  now?: () => Date;
}

/**
 * Attachments (附件) of work orders: evidence of steps, requests and appeals. The type is read from
 * the content and checked, with the size, against the policy version the order was opened under;
 * anything refused is not stored. Bytes live in the database, so every instance serves every file.
 */
export class WorkOrderAttachmentService {
  private readonly now: () => Date;
  constructor(private readonly d: AttachmentDeps) {
    this.now = d.now ?? (() => new Date());
  }

  /** The order an upload goes to, once the actor may add to it; a clerk only to an order about themselves. */
  private async orderForUpload(ctx: Ctx, workOrderId: number): Promise<WorkOrder> {
    requirePermission(ctx, 'workorder.attach');
    const order = await this.d.orders.find(workOrderId);
    if (!order) throw notFound('work order');
    requireInScope(ctx, { regionCode: order.region_code, orgPath: order.org_path }, 'work order');
    const a = ctx.actor;
    if (a.kind === 'user' && a.role === 'clerk' && (a.staffId === null || a.staffId !== order.staff_id)) throw forbidden('a clerk may attach files only to a work order about themselves');
    if (isClosed(order.state)) throw new AppError('ILLEGAL_TRANSITION', `the work order is closed (${order.state}): nothing more can be attached`, 'file');
    return order;
  }

  /** The limits an upload is read with, checked before a byte of it is read. */
  async uploadLimits(ctx: Ctx, workOrderId: number): Promise<{ maxBytes: number; kinds: AttachmentKind[] }> {
    const order = await this.orderForUpload(ctx, workOrderId);
    const rules = await orderRules(this.d.evaluations, order);
    return { maxBytes: rules.attachmentMaxBytes, kinds: rules.attachmentKinds };
  }

  /**
   * Stores one attachment. Too large → 413, a type not allowed → 415, the order full → 409; nothing is
   * stored then. The same file uploaded again to the same order (a retry) answers the stored one.
   */
  async upload(ctx: Ctx, workOrderId: number, file: { filename: string | undefined; bytes: Buffer }): Promise<{ attachment: AttachmentMeta; created: boolean }> {
    const order = await this.orderForUpload(ctx, workOrderId);
    const rules = await orderRules(this.d.evaluations, order);
    if (file.bytes.length === 0) throw invalid('file', 'is empty');
    if (file.bytes.length > rules.attachmentMaxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `file: at most ${rules.attachmentMaxBytes} bytes`, 'file', [{ field: 'file', reason: 'too large' }]);
    }
    const sniffed = sniffAttachment(file.bytes);
    if (!sniffed || !rules.attachmentKinds.includes(sniffed.kind)) {
      const allowed = rules.attachmentKinds.map((k) => KIND_NAMES[k]).join(', ');
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file: not an allowed type (read from its content); allowed: ${allowed}`, 'file', [{ field: 'file', reason: 'type not allowed' }]);
    }
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const existing = await this.d.attachments.findBySha(order.id, sha256);
    if (existing) return { attachment: existing, created: false };
    if ((await this.d.attachments.count(order.id)) >= rules.attachmentsPerOrder) {
      throw new AppError('TOO_MANY_ATTACHMENTS', `a work order holds at most ${rules.attachmentsPerOrder} attachments`, 'file');
    }
    const uploadedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    try {
      const attachment = await this.d.db.transaction().execute(async (trx) => {
        const row = await this.d.attachments.insert(trx, {
          work_order_id: order.id,
          filename: cleanFilename(file.filename),
          content_type: sniffed.contentType,
          kind: sniffed.kind,
          size_bytes: file.bytes.length,
          sha256,
          bytes: file.bytes,
          uploaded_by: uploadedBy,
          uploaded_at: this.now(),
        });
        // The file name may name a person: it stays out of the audit log.
        await this.d.audit.append(trx, { ...auditActor(ctx), action: 'workorder.attachment.upload', targetType: 'work_order', targetId: order.id, detail: { attachmentId: row.id, contentType: row.content_type, sizeBytes: row.size_bytes, sha256 } });
        return row;
      });
      return { attachment, created: true };
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      // The same file at the same instant (a double submit): the first one stored is the answer.
      const first = await this.d.attachments.findBySha(order.id, sha256);
      if (!first) throw err;
      return { attachment: first, created: false };
    }
  }

  async list(ctx: Ctx, workOrderId: number) {
    const order = await readableOrder(this.d.orders, ctx, workOrderId, this.now());
    return this.d.attachments.list(order.id);
  }

  /** One attachment's bytes; every download is audited, as evidence may hold personal data. */
  async download(ctx: Ctx, workOrderId: number, attachmentId: number) {
    const order = await readableOrder(this.d.orders, ctx, workOrderId, this.now());
    const a = await this.d.attachments.find(order.id, attachmentId);
    if (!a) throw notFound('attachment', 'attachmentId');
    await this.d.db.transaction().execute((trx) =>
      this.d.audit.append(trx, { ...auditActor(ctx), action: 'workorder.attachment.download', targetType: 'work_order', targetId: order.id, detail: { attachmentId: a.id } }),
    );
    return a;
  }
}
