import { Type } from '@fastify/type-provider-typebox';
import { requireWebhookToken, staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable, Ok, StringEnum } from '../shared/schemas.ts';

const STATUSES = ['queued', 'sent', 'delivered', 'failed', 'suppressed'] as const;

/** The SMS outbox for the console, and the provider's delivery-report webhook. */
export const smsRoutes: RouteModule = (app, c, options) => {
  const tags = ['sms'];
  app.get('/sms/messages', {
    schema: {
      tags,
      summary: 'Outgoing SMS, newest first (phones masked)',
      querystring: Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 16 })), status: Type.Optional(StringEnum(STATUSES)), beforeId: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(), phone: Type.String(), purpose: Type.String(), ref: Nullable(Type.String()), body: Type.String(), status: Type.String(), gateway: Nullable(Type.String()),
            attempts: Type.Integer(), lastError: Nullable(Type.String()), createdAt: Type.String(), sentAt: Nullable(Type.String()), deliveredAt: Nullable(Type.String()),
          })),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const rows = await c.services.sms.list(staffCtx(request), request.query);
    return {
      items: rows.map((m) => ({
        id: m.id, phone: m.phone_masked, purpose: m.purpose, ref: m.ref, body: m.body, status: m.status, gateway: m.gateway, attempts: m.attempts, lastError: m.last_error,
        createdAt: m.created_at.toISOString(), sentAt: m.sent_at?.toISOString() ?? null, deliveredAt: m.delivered_at?.toISOString() ?? null,
      })),
    };
  });

  app.get('/sms/dev-inbox', {
    schema: {
      tags,
      summary: 'What the development gateway delivered (one row per message, however often sent)',
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ messageId: Type.Integer(), phone: Type.String(), body: Type.String(), receivedAt: Type.String() })) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.sms.devInbox(staffCtx(request), request.query.limit);
    return { items: rows.map((r) => ({ messageId: r.message_id, phone: r.phone_masked, body: r.body, receivedAt: r.received_at.toISOString() })) };
  });

  app.post('/sms/status', {
    schema: {
      tags,
      summary: 'Delivery report webhook of the SMS provider (header x-hcp-webhook-token)',
      body: Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 100 }), status: StringEnum(['delivered', 'failed'] as const), at: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }),
      response: { 200: Ok, ...errors },
    },
  }, async (request) => {
    requireWebhookToken(request, options.smsWebhookToken);
    await c.services.sms.report(request.body.messageId, request.body.status, request.body.at ? new Date(request.body.at) : new Date());
    return { ok: true };
  });
};
