import { Type } from '@fastify/type-provider-typebox';
import { requireWebhookToken } from '../../http/request-context.ts';
import { evaluatorCtx } from '../../services/actor.ts';
import type { RouteModule } from '../index.ts';
import { errors, StringEnum } from '../shared/schemas.ts';

const OUTCOMES = ['recorded', 'needs_reason', 'opted_out', 'ignored'] as const;

/**
 * Replies to our SMS, delivered by the provider (短信上行): "1"–"5" rates the invitation's case, "TD"
 * opts out, anything else is kept and ignored. Answers 200 whatever the reply said, so the provider
 * does not retry a reply that was handled; a retry that does come is recognised by providerMessageId.
 */
export const smsInboundRoutes: RouteModule = (app, c, options) => {
  app.post('/sms/inbound', {
    // The token is checked before the body, so a caller without it learns nothing from validation errors.
    preValidation: async (request) => requireWebhookToken(request, options.smsWebhookToken),
    schema: {
      tags: ['sms'],
      summary: 'Inbound SMS webhook of the provider: replies to invitations (header x-hcp-webhook-token)',
      body: Type.Object({
        from: Type.String({ minLength: 3, maxLength: 32, pattern: '^\\+?[0-9][0-9 ()-]*$', description: 'the sender, e.g. 13812341234 or +8613812341234' }),
        text: Type.String({ maxLength: 1000 }),
        receivedAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
        providerMessageId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ ok: Type.Boolean(), status: StringEnum(OUTCOMES), replay: Type.Boolean() }), ...errors },
    },
  }, async (request) => {
    const b = request.body;
    const outcome = await c.services.smsReplies.receive(evaluatorCtx('sms', request.id), {
      from: b.from,
      text: b.text,
      ...(b.receivedAt ? { receivedAt: new Date(b.receivedAt) } : {}),
      ...(b.providerMessageId ? { providerMessageId: b.providerMessageId } : {}),
    });
    return { ok: true, ...outcome };
  });
};
