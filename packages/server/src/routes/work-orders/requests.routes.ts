import { Type } from '@fastify/type-provider-typebox';
import { EXCLUSION_KINDS, REQUEST_KINDS, REQUEST_STATUSES, type RequestKind } from '@hcp/domain';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Paging, StringEnum, errors } from '../shared/schemas.ts';
import { readUploadedFile } from '../shared/upload.ts';
import { AttachmentIds, AttachmentView, IdempotencyKey, ListedRequestView, Reason, RequestView, attachmentView, requestView } from './requests.schemas.ts';
import { Detail, detailView } from './work-orders.routes.ts';

const AttachmentParams = Type.Object({ id: IdParam.properties.id, attachmentId: IdParam.properties.id }, { additionalProperties: false });
const EXT: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

/** The body of a filing; an extension also names its working days. */
const FileBody = (kind: RequestKind) =>
  Type.Object(
    {
      reason: Reason,
      ...(kind === 'extension' ? { days: Type.Integer({ minimum: 1, maximum: 30, description: 'working days asked for; all extensions of an order together at most the policy’s maxExtensionWorkingDays' }) } : {}),
      attachmentIds: Type.Optional(AttachmentIds),
      idempotencyKey: Type.Optional(IdempotencyKey),
    },
    { additionalProperties: false },
  );

const FILINGS: { kind: RequestKind; path: string; summary: string; description: string }[] = [
  {
    kind: 'extension',
    path: 'extension-requests',
    summary: 'Ask for an extension (延期) of the rectification deadline; permission workorder.handle',
    description: 'While the rectification deadline is pending (assigned, verifying, decided) and not yet passed. More than the policy’s maxExtensionWorkingDays in total is 422 EXTENSION_LIMIT_EXCEEDED; a second request while one is pending is 409 REQUEST_PENDING.',
  },
  {
    kind: 'appeal',
    path: 'appeals',
    summary: 'Appeal the bad rating (复核申诉) in writing, with evidence; permission workorder.appeal (the staff member rated, or the unit)',
    description: 'Within the policy’s appealWindowWorkingDays (2) working days of the order opening, else 409 APPEAL_WINDOW_CLOSED. One pending appeal per order. The management office decides within appealDecisionWorkingDays (decisionDue).',
  },
  {
    kind: 'unrectifiable',
    path: 'unrectifiable-requests',
    summary: 'Report that the order cannot be rectified (无法整改), with the reasons; permission workorder.handle',
    description: 'Once assigned and before rectification; approved by the management office, the order closes as closed_unrectifiable.',
  },
];

/**
 * Attachments (附件), requests (延期, 复核申诉, 无法整改) with their decisions, and reassignment (转办) of
 * work orders.
 */
export const workOrderRequestRoutes: RouteModule = (app, c) => {
  const tags = ['work-orders'];

  app.post('/work-orders/:id/attachments', {
    schema: {
      tags,
      summary: 'Attach a file (附件) to a work order: multipart field "file"; permission workorder.attach',
      description: 'Images (JPEG, PNG, GIF, WebP), PDF or Office documents, recognised by their content, up to the policy’s attachmentMaxBytes. ' +
        'Too large is 413, another type 415, nothing stored. The same file again answers the stored attachment. A clerk attaches only to orders about themselves.',
      consumes: ['multipart/form-data'],
      params: IdParam,
      response: { 201: AttachmentView, 200: AttachmentView, ...errors, 413: errors[400], 415: errors[400] },
    },
  }, async (request, reply) => {
    const ctx = staffCtx(request);
    // Permission, scope and the order's limits first: nothing is read from a caller who may not upload.
    const limits = await c.services.workOrderAttachments.uploadLimits(ctx, request.params.id);
    const file = await readUploadedFile(request, limits.maxBytes, 'file');
    const r = await c.services.workOrderAttachments.upload(ctx, request.params.id, file);
    return reply.status(r.created ? 201 : 200).send(attachmentView(r.attachment));
  });

  app.get('/work-orders/:id/attachments', {
    schema: { tags, summary: 'The attachments of a work order, without their bytes; permission workorder.read', params: IdParam, response: { 200: Type.Object({ items: Type.Array(AttachmentView) }), ...errors } },
  }, async (request) => ({ items: (await c.services.workOrderAttachments.list(staffCtx(request), request.params.id)).map(attachmentView) }));

  app.get('/work-orders/:id/attachments/:attachmentId', {
    schema: { tags, summary: 'Download one attachment (audited); permission workorder.read', params: AttachmentParams },
  }, async (request, reply) => {
    const a = await c.services.workOrderAttachments.download(staffCtx(request), request.params.id, request.params.attachmentId);
    const ext = EXT[a.content_type] ?? 'bin';
    return reply
      .header('content-type', a.content_type)
      .header('content-disposition', `attachment; filename="attachment-${a.id}.${ext}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(a.bytes);
  });

  for (const f of FILINGS) {
    app.post(`/work-orders/:id/${f.path}`, {
      schema: { tags, summary: f.summary, description: f.description, params: IdParam, body: FileBody(f.kind), response: { 201: RequestView, ...errors } },
    }, async (request, reply) => {
      const body = request.body as { reason: string; days?: number; attachmentIds?: number[]; idempotencyKey?: string };
      const r = await c.services.workOrderRequests.file(staffCtx(request), request.params.id, f.kind, body);
      return reply.status(201).send(requestView(r.request));
    });
  }

  app.post('/work-orders/:id/reassign', {
    schema: {
      tags,
      summary: 'Reassign (转办) a work order to another unit, with a reason; permission workorder.reassign',
      description: 'Only to an active unit inside your data scope, before rectification. The order takes the new unit’s region and organisation and goes back to opened for the new unit to assign.',
      params: IdParam,
      body: Type.Object({ toUnitId: Type.Integer({ minimum: 1, maximum: 2147483647 }), reason: Reason, attachmentIds: Type.Optional(AttachmentIds) }, { additionalProperties: false }),
      response: { 200: Detail, ...errors },
    },
  }, async (request) => {
    const ctx = staffCtx(request);
    await c.services.workOrderRequests.reassign(ctx, request.params.id, request.body);
    return detailView(c, ctx, await c.services.workOrders.get(ctx, request.params.id));
  });

  app.get('/work-order-requests', {
    schema: {
      tags,
      summary: 'Requests on work orders in your data scope, newest first (the management office’s decisions to take); permission workorder.read',
      querystring: Type.Object({
        kind: Type.Optional(StringEnum(REQUEST_KINDS)),
        status: Type.Optional(StringEnum(REQUEST_STATUSES)),
        workOrderId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        ...Paging,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ListedRequestView) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.workOrderRequests.list(staffCtx(request), request.query);
    return { items: rows.map((r) => ({ ...requestView(r), order: { unitId: r.order_unit_id, regionCode: r.order_region_code, state: r.order_state } })) };
  });

  app.post('/work-order-requests/:id/decision', {
    schema: {
      tags,
      summary: 'Decide a request: approved (an appeal: upheld) or rejected, with reasons; workorder.approve (延期, 无法整改) or appeal.decide (申诉)',
      description: 'An upheld appeal names excludedAs (mistaken 误评 / malicious 恶意差评): the rating is kept, flagged and not counted, and the order closes as closed_appeal_upheld. ' +
        'Deciding twice, or a second decider at the same moment, is 409 REQUEST_DECIDED; nobody decides their own request.',
      params: IdParam,
      body: Type.Object({
        outcome: StringEnum(['approved', 'rejected'] as const),
        reason: Reason,
        excludedAs: Type.Optional(StringEnum(EXCLUSION_KINDS)),
        attachmentIds: Type.Optional(AttachmentIds),
        idempotencyKey: Type.Optional(IdempotencyKey),
      }, { additionalProperties: false }),
      response: { 200: RequestView, ...errors },
    },
  }, async (request) => {
    const r = await c.services.workOrderRequests.decide(staffCtx(request), request.params.id, request.body);
    return requestView(r.request);
  });
};
