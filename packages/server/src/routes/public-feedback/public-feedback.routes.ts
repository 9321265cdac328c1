import { Type } from '@fastify/type-provider-typebox';
import type { RouteModule } from '../index.ts';
import { errors, Nullable, Paging, RegionCode, StringEnum } from '../shared/schemas.ts';

const Token = Type.Object({ token: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });
const Label = { zh: Type.String(), en: Type.String() };
const LabelObject = Type.Object(Label);
const TagView = Type.Object({ code: Type.String(), ...Label });
const Instant = Type.String({ format: 'date-time' });

const Progress = Type.Object({
  itemName: Type.String(),
  unitName: Type.String(),
  completedAt: Nullable(Instant),
  rating: Type.Object({ level: Type.Integer(), label: LabelObject, tags: Type.Array(TagView), submittedAt: Instant }, { description: 'the evaluator’s own rating the order was opened for' }),
  stage: StringEnum(['handling', 'awaiting_revisit', 'resolved', 'unresolved', 'closed'] as const),
  decision: Nullable(Type.String({ description: 'fix_now 立行立改, fix_by_deadline 限期整改, explain 解释说明' })),
  reviewRound: Type.Integer(),
  maxReviews: Type.Integer(),
  steps: Type.Array(Type.Object({ step: Type.String(), at: Instant, text: Nullable(Type.String({ description: 'the unit’s feedback; null for other steps' })), byEvaluator: Type.Boolean() })),
  latest: Nullable(Type.Object({ level: Type.Integer(), label: LabelObject, submittedAt: Instant, mistaken: Type.Boolean() }, { description: 'the new rating the revisit recorded' })),
  revisitOpen: Type.Boolean({ description: 'the unit has given feedback and the evaluator may answer the revisit' }),
  expiresAt: Instant,
  form: Type.Object({
    levels: Type.Array(Type.Object({ level: Type.Integer(), ...Label, bad: Type.Boolean() })),
    tags: Type.Array(Type.Object({ code: Type.String(), level: Type.Integer(), ...Label })),
    textMaxLength: Type.Integer(),
  }),
});

type ProgressData = Awaited<ReturnType<import('../../services/work-order-public.service.ts').WorkOrderPublicService['progress']>>;
const progressView = (p: ProgressData) => ({
  ...p,
  completedAt: p.completedAt?.toISOString() ?? null,
  rating: { ...p.rating, submittedAt: p.rating.submittedAt.toISOString() },
  steps: p.steps.map((s) => ({ ...s, at: s.at.toISOString() })),
  latest: p.latest ? { ...p.latest, submittedAt: p.latest.submittedAt.toISOString() } : null,
  expiresAt: p.expiresAt.toISOString(),
});

/**
 * The public side of work orders, no login: the evaluator's feedback page (整改反馈) with the online
 * revisit (回访), keyed by the single-purpose link of the feedback SMS; and the published replies
 * (公开答复) of closed orders with the masked rating.
 */
export const publicFeedbackRoutes: RouteModule = (app, c) => {
  const tags = ['public evaluation'];

  app.get('/public/feedback/:token', {
    schema: {
      tags,
      summary: 'The evaluator’s page of a work order: the unit’s feedback and the progress; no personal data',
      params: Token,
      response: { 200: Progress, ...errors, 410: errors[404] },
    },
  }, async (request) => progressView(await c.services.workOrderPublic.progress(request.params.token)));

  app.post('/public/feedback/:token/revisit', {
    schema: {
      tags,
      summary: 'The evaluator answers the revisit online: satisfied with a new rating (or the first was a mistake, 误评), or not, with a reason',
      description: 'Satisfied records the new rating as the case’s latest evaluation and closes the order; a bad level is 400 (answer not satisfied instead). Not satisfied returns the order to the unit once (复核), then closes it unresolved. Only while the order awaits its revisit (else 409 ILLEGAL_TRANSITION).',
      params: Token,
      body: Type.Object({
        satisfied: Type.Boolean(),
        level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
        tags: Type.Optional(Type.Array(Type.String({ pattern: '^[1-5][0-9]{2}$' }), { maxItems: 20 })),
        text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        mistaken: Type.Optional(Type.Boolean()),
        idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' })),
      }, { additionalProperties: false }),
      response: { 200: Progress, ...errors, 410: errors[404] },
    },
  }, async (request) => progressView(await c.services.workOrderPublic.revisit(request.params.token, request.body, request.id)));

  app.get('/public/replies', {
    schema: {
      tags,
      summary: 'Published replies (公开答复) of closed work orders with the masked rating: level, tags, dates, item, unit; newest first',
      querystring: Type.Object({
        regionCode: Type.Optional(RegionCode),
        unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        ...Paging,
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(),
            regionCode: Type.String(),
            unitId: Type.Integer(),
            unitName: Type.String(),
            itemName: Type.String(),
            rating: Type.Object({ level: Type.Integer(), label: LabelObject, tags: Type.Array(TagView), ratedOn: Type.String({ format: 'date' }) }),
            revisitLevel: Nullable(Type.Integer({ description: 'the evaluator’s level at the revisit, when one was recorded' })),
            outcome: StringEnum(['resolved', 'unresolved', 'closed'] as const),
            reply: Type.String(),
            repliedOn: Type.String({ format: 'date' }),
          })),
        }),
        ...errors,
      },
    },
  }, async (request) => ({ items: await c.services.workOrderPublic.publishedReplies(request.query) }));
};
