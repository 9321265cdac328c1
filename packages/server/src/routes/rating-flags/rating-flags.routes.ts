import { Type } from '@fastify/type-provider-typebox';
import { DETECTORS } from '@hcp/domain';
import { staffCtx } from '../../http/request-context.ts';
import type { DetectionService } from '../../services/detection.service.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, StringEnum, errors } from '../shared/schemas.ts';

const Status = StringEnum(['pending', 'confirmed', 'dismissed'] as const, { description: 'pending 待核查, confirmed 确认异常, dismissed 排除' });
const Detector = StringEnum(DETECTORS, { description: 'which detector raised it; see docs/domain/detection.md' });
const Time = Type.String({ format: 'date-time' });
const Reason = Type.Object({ zh: Type.String(), en: Type.String() });

const FlagView = Type.Object({
  id: Type.Integer(),
  detector: Detector,
  subject: Type.String({ description: 'what the finding is about (device, address or phone key, staff, text, window); never personal data' }),
  unitId: Type.Integer(),
  unitName: Type.String(),
  regionCode: Type.String(),
  score: Type.Number({ description: '1 = just at the threshold; higher = further beyond it' }),
  reason: Reason,
  evidence: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  ratingCount: Type.Integer(),
  firstAt: Time,
  lastAt: Time,
  status: Status,
  createdAt: Time,
  reviewedBy: Nullable(Type.Integer()),
  reviewedAt: Nullable(Time),
  reviewReason: Nullable(Type.String()),
});

const RatingView = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  caseNo: Type.String(),
  level: Type.Integer(),
  channel: Type.String(),
  tags: Type.Array(Type.String()),
  text: Nullable(Type.String()),
  submittedAt: Time,
  windowId: Nullable(Type.Integer()),
  staffId: Nullable(Type.Integer()),
  realName: Type.Boolean(),
  excludedAs: Nullable(Type.String({ description: 'set when an upheld appeal excluded the rating' })),
});

type Flag = Awaited<ReturnType<DetectionService['list']>>[number];
type Rating = Awaited<ReturnType<DetectionService['get']>>['ratings'][number];

const flagView = (f: Flag) => ({
  id: f.id,
  detector: f.detector,
  subject: f.subject,
  unitId: f.unit_id,
  unitName: f.unit_name,
  regionCode: f.region_code,
  score: f.score,
  reason: f.reason,
  evidence: f.evidence,
  ratingCount: f.rating_count,
  firstAt: f.first_at.toISOString(),
  lastAt: f.last_at.toISOString(),
  status: f.status,
  createdAt: f.created_at.toISOString(),
  reviewedBy: f.reviewed_by,
  reviewedAt: f.reviewed_at?.toISOString() ?? null,
  reviewReason: f.review_reason,
});

const ratingView = (r: Rating) => ({
  id: r.id,
  caseId: r.case_id,
  caseNo: r.case_no,
  level: r.level,
  channel: r.channel,
  tags: r.tags,
  text: r.text,
  submittedAt: r.submitted_at.toISOString(),
  windowId: r.window_id,
  staffId: r.staff_id,
  realName: r.real_name,
  excludedAs: r.excluded_as,
});

const Detail = Type.Object({ flag: FlagView, ratings: Type.Array(RatingView) });

/** The review queue of suspected manipulated ratings (刷评 / 恶意评价): list, read one, confirm or dismiss. */
export const ratingFlagRoutes: RouteModule = (app, c) => {
  const tags = ['rating-flags'];

  app.get('/rating-flags', {
    schema: {
      tags,
      summary: 'Flags of the manipulation detectors in your data scope, newest first; permission detection.read',
      querystring: Type.Object({ status: Type.Optional(Status), detector: Type.Optional(Detector), unitId: Type.Optional(IdParam.properties.id), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(FlagView) }), ...errors },
    },
  }, async (request) => ({ items: (await c.services.detection.list(staffCtx(request), request.query)).map(flagView) }));

  app.get('/rating-flags/:id', {
    schema: { tags, summary: 'One flag with its ratings (never who gave them)', params: IdParam, response: { 200: Detail, ...errors } },
  }, async (request) => {
    const r = await c.services.detection.get(staffCtx(request), request.params.id);
    return { flag: flagView(r.flag), ratings: r.ratings.map(ratingView) };
  });

  app.post('/rating-flags/:id/review', {
    schema: {
      tags,
      summary: 'Confirm or dismiss a flag with a reason (permission detection.review, audited); the ratings stay as they are',
      description: 'Sending the same decision again answers the flag as it is; a different decision on a reviewed flag is 409.',
      params: IdParam,
      body: Type.Object({
        decision: StringEnum(['confirm', 'dismiss'] as const),
        reason: Type.String({ minLength: 1, maxLength: 500 }),
      }, { additionalProperties: false }),
      response: { 200: Detail, ...errors },
    },
  }, async (request) => {
    const r = await c.services.detection.review(staffCtx(request), request.params.id, request.body.decision, request.body.reason);
    return { flag: flagView(r.flag), ratings: r.ratings.map(ratingView) };
  });
};
