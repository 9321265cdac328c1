import { Type } from '@fastify/type-provider-typebox';
import type { ErrorObject } from 'ajv';
import { AppError } from '../../errors.ts';
import { integrationCtx } from '../../http/request-context.ts';
import { validationError, validatorCompiler } from '../../http/validation.ts';
import type { BatchEntry, CasePushInput } from '../../services/case-intake.service.ts';
import type { RouteModule } from '../index.ts';
import { Nullable, errors } from '../shared/schemas.ts';
import { BatchApplied, BatchBody, BatchRejected, CaseNo, CasePushBody, PushResponse, StageBody } from './case.schemas.ts';

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
// Batch items are checked one by one against the single-push schema, so one bad item names its
// index instead of failing the whole request at the first error.
const validateItem = validatorCompiler({ schema: CasePushBody, httpPart: 'body', method: 'POST', url: '/integration/cases/batch' }) as unknown as Validate;

const StageResponse = Type.Object({ caseNo: Type.String(), stage: Type.String({ description: 'the current stage' }), added: Type.Boolean(), promisedDeadline: Nullable(Type.String()) });
const iso = (d: Date | null) => d?.toISOString() ?? null;
const security = [{ apiKey: [] }];

/** The push API for approval systems (业务办理系统), authenticated by an integration API key. */
export const integrationCaseRoutes: RouteModule = (app, c) => {
  const tags = ['integration'];

  app.post('/integration/cases', {
    schema: { tags, security, summary: 'Create or update one case (idempotent by caseNo)', body: CasePushBody, response: { 200: PushResponse, 201: PushResponse, ...errors } },
  }, async (request, reply) => {
    const r = await c.services.caseIntake.push(integrationCtx(request), request.body as CasePushInput);
    return reply.status(r.created ? 201 : 200).send({ id: r.id, caseNo: r.caseNo, created: r.created, stage: r.stage, stagesAdded: r.stagesAdded, promisedDeadline: iso(r.promisedDeadline) });
  });

  app.post('/integration/cases/:caseNo/stages', {
    schema: {
      tags,
      security,
      summary: 'Add one stage event to a case; the same stage at the same time again is a no-op (200), at another time a 409',
      params: Type.Object({ caseNo: CaseNo }, { additionalProperties: false }),
      body: StageBody,
      response: { 200: StageResponse, 201: StageResponse, ...errors },
    },
  }, async (request, reply) => {
    const r = await c.services.caseIntake.addStage(integrationCtx(request), request.params.caseNo, request.body);
    return reply.status(r.added ? 201 : 200).send({ ...r, promisedDeadline: iso(r.promisedDeadline) });
  });

  app.post('/integration/cases/batch', {
    schema: { tags, security, summary: 'Up to 1000 cases in one request, all or nothing', body: BatchBody, response: { 200: BatchApplied, ...errors, 422: BatchRejected } },
  }, async (request, reply) => {
    const ctx = integrationCtx(request);
    const entries: BatchEntry[] = request.body.cases.map((item) => {
      if (validateItem(item)) return { input: item as CasePushInput };
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return { caseNo: null, error: new AppError('VALIDATION_FAILED', 'must be a case object') };
      const raw = (item as { caseNo?: unknown }).caseNo;
      return { caseNo: typeof raw === 'string' ? raw.slice(0, 50) : null, error: validationError(validateItem.errors ?? [], 'body') };
    });
    const r = await c.services.caseIntake.pushBatch(ctx, entries);
    if (!r.applied) {
      const e = new AppError(
        'IMPORT_FAILED',
        `${r.items.length} of ${entries.length} cases have errors; nothing was written`,
        undefined,
        r.items.map((i) => ({ row: i.index, field: `cases.${i.index}${i.error.field ? `.${i.error.field}` : ''}`, reason: i.error.message })),
      );
      return reply.status(422).send({ ...e.toJSON(), items: r.items });
    }
    const created = r.items.filter((i) => i.created).length;
    return { created, updated: r.items.length - created, items: r.items };
  });
};
