import { Type } from '@fastify/type-provider-typebox';
import { evaluatorCtx } from '../../services/actor.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable } from '../shared/schemas.ts';

const Token = Type.Object({ token: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
const Label = { zh: Type.String(), en: Type.String() };

export const EvaluationBody = Type.Object({
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  tags: Type.Optional(Type.Array(Type.String({ pattern: '^[1-5][0-9]{2}$' }), { maxItems: 20 })),
  text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  scores: Type.Optional(Type.Record(Type.String({ maxLength: 32 }), Type.Integer({ minimum: 1, maximum: 5 }))),
  idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' })),
}, { additionalProperties: false });

export const Recorded = Type.Object({ id: Type.Integer(), round: Type.Integer(), bad: Type.Boolean(), submittedAt: Type.String() });

/** The evaluator's page behind every public channel: read the form of a session, submit once. No login. */
export const publicEvaluationRoutes: RouteModule = (app, c) => {
  const tags = ['public evaluation'];
  app.get('/public/evaluate/:token', {
    schema: {
      tags,
      summary: 'The evaluation form of a session (invitation, signed link or QR code)',
      params: Token,
      response: {
        200: Type.Object({
          caseNo: Type.String(),
          itemName: Type.String(),
          unitName: Type.String(),
          windowName: Nullable(Type.String()),
          completedAt: Nullable(Type.String()),
          applicant: Nullable(Type.String()),
          mode: Type.String(),
          channel: Type.String(),
          expiresAt: Type.String(),
          state: Type.String({ description: 'open, evaluated (already rated through another channel) or not_open' }),
          policy: Type.Object({
            version: Type.Integer(),
            levels: Type.Array(Type.Object({ level: Type.Integer(), ...Label, bad: Type.Boolean() })),
            tags: Type.Array(Type.Object({ code: Type.String(), level: Type.Integer(), ...Label })),
            content: Type.Array(Type.Object({ code: Type.String(), ...Label })),
            textMaxLength: Type.Integer(),
            badRatingNeeds: Type.String(),
          }),
        }),
        ...errors,
        410: errors[404],
      },
    },
  }, async (request) => {
    const f = await c.services.publicEvaluations.form(request.params.token);
    return { ...f, completedAt: f.completedAt?.toISOString() ?? null, expiresAt: f.expiresAt.toISOString() };
  });

  app.post('/public/evaluate/:token', {
    schema: { tags, summary: 'Submit the rating of a session; single use; a retry with the same idempotency key returns the first answer', params: Token, body: EvaluationBody, response: { 201: Recorded, ...errors, 410: errors[404] } },
  }, async (request, reply) => {
    const r = await c.services.publicEvaluations.submit(evaluatorCtx('public', request.id), request.params.token, { ...request.body, clientIp: request.ip });
    return reply.status(201).send({ id: r.id, round: r.round, bad: r.bad, submittedAt: r.submittedAt.toISOString() });
  });
};
