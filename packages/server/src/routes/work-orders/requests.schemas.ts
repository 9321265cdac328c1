import { Type, type Static } from '@fastify/type-provider-typebox';
import { ATTACHMENT_KINDS, EXCLUSION_KINDS, REQUEST_KINDS, REQUEST_STATUSES, WORK_ORDER_STATES } from '@hcp/domain';
import type { WorkOrderRequest } from '../../db/schema.ts';
import type { AttachmentMeta } from '../../repositories/work-order-attachment.repository.ts';
import { Nullable, StringEnum } from '../shared/schemas.ts';

const At = Type.String({ format: 'date-time' });

/** Attachment ids of the same work order that a step, request or decision refers to. */
export const AttachmentIds = Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 20, uniqueItems: true, description: 'ids of attachments of the same work order (upload them first)' });
export const IdempotencyKey = Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$', description: 'a retry with the same key answers the first one instead of acting twice' });
export const Reason = Type.String({ minLength: 1, maxLength: 2000, description: 'the reasons, in writing' });

export const AttachmentView = Type.Object({
  id: Type.Integer(),
  workOrderId: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String({ description: 'read from the content, not from the name' }),
  kind: StringEnum(ATTACHMENT_KINDS),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Nullable(Type.Integer()),
  uploadedAt: At,
});
export type AttachmentView = Static<typeof AttachmentView>;

export const attachmentView = (a: AttachmentMeta): AttachmentView => ({
  id: a.id,
  workOrderId: a.work_order_id,
  filename: a.filename,
  contentType: a.content_type,
  kind: a.kind,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
  uploadedBy: a.uploaded_by,
  uploadedAt: a.uploaded_at.toISOString(),
});

export const RequestView = Type.Object({
  id: Type.Integer(),
  workOrderId: Type.Integer(),
  kind: StringEnum(REQUEST_KINDS, { description: 'extension 延期, appeal 复核申诉, unrectifiable 无法整改' }),
  status: StringEnum(REQUEST_STATUSES, { description: 'approved: for an appeal, upheld (复核成立); cancelled: the order closed another way first' }),
  reason: Type.String(),
  days: Nullable(Type.Integer({ description: 'working days asked for (extension)' })),
  attachmentIds: Type.Array(Type.Integer()),
  requestedBy: Nullable(Type.Integer()),
  requestedAt: At,
  decisionDue: Nullable(At),
  decidedBy: Nullable(Type.Integer()),
  decidedAt: Nullable(At),
  decisionReason: Nullable(Type.String()),
  decisionAttachmentIds: Type.Array(Type.Integer()),
  excludedAs: Nullable(StringEnum(EXCLUSION_KINDS, { description: 'an upheld appeal: the rating was 误评 (mistaken) or 恶意差评 (malicious)' })),
});
export type RequestView = Static<typeof RequestView>;

export const requestView = (r: WorkOrderRequest): RequestView => ({
  id: r.id,
  workOrderId: r.work_order_id,
  kind: r.kind,
  status: r.status,
  reason: r.reason,
  days: r.days,
  attachmentIds: r.attachment_ids,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at.toISOString(),
  decisionDue: r.decision_due?.toISOString() ?? null,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionReason: r.decision_reason,
  decisionAttachmentIds: r.decision_attachment_ids,
  excludedAs: r.excluded_as,
});

/** A request in a list, with where its order stands and whose scope it is in. */
export const ListedRequestView = Type.Object({
  ...RequestView.properties,
  order: Type.Object({ unitId: Type.Integer(), regionCode: Type.String(), state: StringEnum(WORK_ORDER_STATES) }),
});

/** The requests and attachments of an order, as GET /api/work-orders/:id shows them with its steps. */
export const timelineView = (t: { requests: WorkOrderRequest[]; attachments: AttachmentMeta[] }) => ({ requests: t.requests.map(requestView), attachments: t.attachments.map(attachmentView) });
