import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Actor, Ctx } from '../services/actor.ts';
import type { Container } from '../container.ts';

export const SESSION_COOKIE = 'hcp_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the caller once per request: a staff session cookie or an integration API key. */
export function installAuthentication(app: FastifyInstance, c: Container) {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (request) => {
    const bearer = request.headers.authorization;
    if (bearer?.startsWith('Bearer ')) {
      request.actor = (await c.services.integrations.authenticate(bearer.slice(7).trim())) ?? null;
      if (!request.actor) throw new AppError('UNAUTHENTICATED', 'unknown or revoked API key');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = (await c.services.auth.resolveSession(token))?.actor ?? null;
  });
}

/** The context of a logged-in staff member; anyone else gets 401. */
export function staffCtx(request: FastifyRequest): Ctx {
  if (request.actor?.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'please log in');
  return { actor: request.actor, requestId: request.id };
}

/** The context of an approval system calling with its API key. */
export function integrationCtx(request: FastifyRequest): Ctx {
  if (request.actor?.kind !== 'integration') throw new AppError('UNAUTHENTICATED', 'an integration API key is required (Authorization: Bearer <key>)');
  return { actor: request.actor, requestId: request.id };
}

/** A provider webhook: the shared token in `x-hcp-webhook-token`, compared in constant time. */
export function requireWebhookToken(request: FastifyRequest, expected: string | undefined): void {
  const given = request.headers['x-hcp-webhook-token'];
  const ok = !!expected && typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) throw new AppError('UNAUTHENTICATED', 'webhook token missing or wrong (x-hcp-webhook-token)');
}

/** Staff or integration, for endpoints both may use. */
export function anyCtx(request: FastifyRequest): Ctx {
  if (!request.actor || request.actor.kind === 'system') throw new AppError('UNAUTHENTICATED', 'please log in');
  return { actor: request.actor, requestId: request.id };
}
