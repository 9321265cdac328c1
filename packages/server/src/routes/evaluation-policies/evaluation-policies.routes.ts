import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import { NATIONAL_REGION } from '../../repositories/evaluation.repository.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable } from '../shared/schemas.ts';
import { EvaluationPolicySchema, PolicyDiffSchema } from './policy.schemas.ts';

const PolicyRegion = Type.Object(
  { regionCode: Type.String({ pattern: '^(national|[0-9]{6}([0-9]{3}([0-9]{3})?)?)$', description: 'a region code, or "national" for the national policy' }) },
  { additionalProperties: false },
);

/** Evaluation policies (评价规则) per region, versioned; the national one is the root of every region's. */
export const evaluationPolicyRoutes: RouteModule = (app, c) => {
  const tags = ['evaluation-policies'];
  const regionOf = (raw: string) => (raw === 'national' ? NATIONAL_REGION : c.services.regions.code(raw, 'regionCode'));

  app.get('/evaluation-policies/:regionCode', {
    schema: {
      tags,
      summary: 'The policy in force for a region: its own latest version, else its nearest ancestor’s, else the national one',
      params: PolicyRegion,
      response: {
        200: Type.Object({
          regionCode: Type.String(),
          id: Type.Integer(),
          version: Type.Integer(),
          sourceRegionCode: Type.String({ description: 'the region whose version is in force' }),
          inherited: Type.Boolean(),
          note: Nullable(Type.String()),
          createdAt: Type.String({ format: 'date-time' }),
          policy: EvaluationPolicySchema,
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const p = await c.services.evaluationPolicies.inForce(staffCtx(request), regionOf(request.params.regionCode));
    return { ...p, createdAt: new Date(p.createdAt).toISOString() };
  });

  app.get('/evaluation-policies/:regionCode/versions', {
    schema: {
      tags,
      summary: 'The region’s own versions, newest first',
      params: PolicyRegion,
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ id: Type.Integer(), version: Type.Integer(), note: Nullable(Type.String()), author: Nullable(Type.String()), createdAt: Type.String({ format: 'date-time' }), policy: EvaluationPolicySchema })),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const rows = await c.services.evaluationPolicies.versions(staffCtx(request), regionOf(request.params.regionCode));
    return { items: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })) };
  });

  app.post('/evaluation-policies/:regionCode', {
    schema: {
      tags,
      summary: 'Save a new version of the region’s policy (permission policy.write; national: sysadmin only)',
      description: 'The whole policy is sent. Inconsistencies answer 400 with every problem as {field, reason}. The answer names the version in force before and what changed against it.',
      params: PolicyRegion,
      body: Type.Object({ policy: EvaluationPolicySchema, note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: {
        201: Type.Object({
          id: Type.Integer(),
          regionCode: Type.String(),
          version: Type.Integer(),
          basedOn: Type.Object({ id: Type.Integer(), regionCode: Type.String(), version: Type.Integer() }),
          diff: PolicyDiffSchema,
        }),
        ...errors,
      },
    },
  }, async (request, reply) => {
    const saved = await c.services.evaluationPolicies.save(staffCtx(request), regionOf(request.params.regionCode), request.body.policy, request.body.note ?? null);
    return reply.status(201).send(saved);
  });
};
