import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import { evaluatorCtx } from '../../services/actor.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable, RegionCode, StringEnum } from '../shared/schemas.ts';

const Label = { zh: Type.String(), en: Type.String() };
const Answers = Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), Type.Integer({ minimum: 0, maximum: 5 }), { maxProperties: 50 });

/** The suggestion box (意见箱): the public form and its submission, and the staff list. */
export const suggestionRoutes: RouteModule = (app, c) => {
  const tags = ['suggestions'];

  app.get('/public/suggestion-form', {
    schema: {
      tags,
      summary: 'The questions of the suggestion box and the text limit (of the window’s region when opened from its QR page)',
      querystring: Type.Object({ w: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{6,24}$', description: 'a window’s public key' })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          policyVersion: Type.Integer(),
          questions: Type.Array(Type.Object({ code: Type.String(), kind: StringEnum(['scale', 'yes_no'] as const), ...Label })),
          textMaxLength: Type.Integer(),
          window: Nullable(Type.Object({ name: Type.String() })),
        }),
        ...errors,
      },
    },
  }, async (request) => c.services.suggestions.form(request.query.w));

  app.get('/public/units', {
    schema: {
      tags,
      summary: 'Active units whose name contains q (at most 20), to say which unit a suggestion concerns',
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), regionName: Type.String() })) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.suggestions.searchUnits(request.query.q);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, regionName: r.region_name })) };
  });

  app.post('/public/suggestions', {
    schema: {
      tags,
      summary: 'Put a suggestion in the box; a retry with the same idempotency key returns the first answer',
      description: 'answers: question code → 1–5 for scale questions, 1 (是) / 0 (否) for yes_no ones. Limited per caller address and hour by the policy (429 RATE_LIMITED).',
      body: Type.Object({
        answers: Type.Optional(Answers),
        text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 20, pattern: '^[0-9+ -]*$' }))),
        regionCode: Type.Optional(Nullable(RegionCode)),
        unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
        windowKey: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z0-9_-]{6,24}$' }))),
        idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), createdAt: Type.String() }), ...errors, 429: errors[400] },
    },
  }, async (request, reply) => {
    const b = request.body;
    const r = await c.services.suggestions.submit(evaluatorCtx('suggestion_box', request.id), { ...b, regionCode: b.regionCode ? c.services.regions.code(b.regionCode, 'regionCode') : null }, request.ip);
    return reply.status(201).send({ id: r.id, createdAt: r.createdAt.toISOString() });
  });

  app.get('/suggestions', {
    schema: {
      tags,
      summary: 'Suggestions in your data scope, newest first (contact phones masked; permission case.read)',
      querystring: Type.Object({
        regionCode: Type.Optional(RegionCode),
        unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(),
            regionCode: Nullable(Type.String()),
            regionName: Nullable(Type.String()),
            orgName: Nullable(Type.String()),
            windowName: Nullable(Type.String()),
            answers: Type.Record(Type.String(), Type.Integer()),
            text: Nullable(Type.String()),
            contactPhone: Nullable(Type.String()),
            policyVersion: Nullable(Type.Integer()),
            createdAt: Type.String(),
          })),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const q = request.query;
    const rows = await c.services.suggestions.list(staffCtx(request), { ...q, ...(q.regionCode ? { regionCode: c.services.regions.code(q.regionCode, 'regionCode') } : {}) });
    return {
      items: rows.map((r) => ({
        id: r.id, regionCode: r.region_code, regionName: r.region_name, orgName: r.org_kind === 'window' ? null : r.org_name, windowName: r.window_name,
        answers: r.answers, text: r.text, contactPhone: r.contact_phone_masked, policyVersion: r.policy_version, createdAt: r.created_at.toISOString(),
      })),
    };
  });
};
