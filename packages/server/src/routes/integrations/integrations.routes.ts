import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, errors } from '../shared/schemas.ts';

const KeyIssued = Type.Object({ id: Type.Integer(), keyId: Type.String(), apiKey: Type.String({ description: 'shown once: <keyId>.<secret>' }) });

/** API keys of approval systems (one per system, scoped to units). */
export const integrationRoutes: RouteModule = (app, c) => {
  const tags = ['integrations'];
  app.get('/integrations', {
    schema: {
      tags,
      summary: 'Integrations and their units (secrets are never shown again)',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), keyId: Type.String(), active: Type.Boolean(), unitIds: Type.Array(Type.Integer()), lastUsedAt: Nullable(Type.String()) })) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.integrations.list(staffCtx(request));
    return { items: rows.map((r) => ({ id: r.id, name: r.name, keyId: r.key_id, active: r.active, unitIds: r.unitIds, lastUsedAt: r.last_used_at?.toISOString() ?? null })) };
  });

  app.post('/integrations', {
    schema: {
      tags,
      summary: 'Register an approval system and issue its API key',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), unitIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
      response: { 201: KeyIssued, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await c.services.integrations.create(staffCtx(request), request.body)));

  app.patch('/integrations/:id', {
    schema: {
      tags,
      summary: 'Change units, deactivate, or rotate the key (the new key is returned once)',
      params: IdParam,
      body: Type.Object({ unitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000 })), active: Type.Optional(Type.Boolean()), rotate: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.Integer(), keyId: Type.Optional(Type.String()), apiKey: Type.Optional(Type.String()) }), ...errors },
    },
  }, async (request) => c.services.integrations.update(staffCtx(request), request.params.id, request.body));
};
