import { Type } from '@fastify/type-provider-typebox';
import { REPORT_PERIOD_KINDS } from '@hcp/domain';
import type { RevisitSample, RevisitTask } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';

const TaskStatus = StringEnum(['pending', 'reached', 'not_reached'] as const);
const Seed = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: '1–64 letters, digits, - or _; a random one when not given' });

const SampleView = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  periodKind: StringEnum(REPORT_PERIOD_KINDS),
  period: Type.String(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date', description: 'exclusive' }),
  seed: Type.String(),
  requestedSize: Type.Integer(),
  population: Type.Integer({ description: 'evaluators (distinct phones) the sample was drawn from' }),
  createdAt: Type.String({ format: 'date-time' }),
});

const TaskView = Type.Object({
  id: Type.Integer(),
  sampleId: Type.Integer(),
  caseId: Type.Integer({ description: 'to read the phone unmasked: POST /api/cases/{caseId}/unmask (pii.unmask, reason, audited)' }),
  caseNo: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  phoneMasked: Type.String(),
  ratedLevel: Type.Integer(),
  ratedAt: Type.String({ format: 'date-time' }),
  ratedChannel: Type.String(),
  status: TaskStatus,
  satisfaction: Nullable(Type.Integer()),
  remarks: Nullable(Type.String()),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
});

const Results = Type.Object({
  tasks: Type.Integer(), pending: Type.Integer(), reached: Type.Integer(), notReached: Type.Integer(),
  bySatisfaction: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() }),
  meanSatisfaction: Nullable(Type.Number()),
  satisfiedRate: Nullable(Type.Number({ description: 'satisfaction 4 or 5 / reached' })),
  reachRate: Nullable(Type.Number({ description: 'reached / answered' })),
});

const sampleView = (s: RevisitSample) => ({
  id: s.id, regionCode: s.region_code, periodKind: s.period_kind, period: s.period_key, from: s.period_from, to: s.period_to, seed: s.seed,
  requestedSize: s.requested_size, population: s.population, createdAt: new Date(s.created_at).toISOString(),
});

type TaskRow = RevisitTask & { case_no: string; unit_name: string; rated_level: number; rated_at: Date; rated_channel: string };
const taskView = (t: TaskRow) => ({
  id: t.id, sampleId: t.sample_id, caseId: t.case_id, caseNo: t.case_no, unitId: t.unit_id, unitName: t.unit_name, phoneMasked: t.phone_masked,
  ratedLevel: t.rated_level, ratedAt: new Date(t.rated_at).toISOString(), ratedChannel: t.rated_channel,
  status: t.status, satisfaction: t.satisfaction, remarks: t.remarks, answeredAt: t.answered_at ? new Date(t.answered_at).toISOString() : null,
});

/** 监督查评: seeded random samples of evaluators, the 12345 operators' revisit tasks and their results. */
export const revisitRoutes: RouteModule = (app, c) => {
  const tags = ['revisits'];

  app.post('/revisit-samples', {
    schema: {
      tags,
      summary: 'Draw the sample of evaluators (ratings with a phone) of a region and period (permission revisit.sample)',
      description: 'The draw is a seeded PRNG over the period’s evaluators in evaluation order: the same seed and the same data give the same sample. preview: true only shows whom it would draw. One sample per region and period (409 otherwise).',
      body: Type.Object({
        regionCode: RegionCode,
        periodKind: StringEnum(REPORT_PERIOD_KINDS),
        period: Type.String({ maxLength: 8, description: '2026-10 (month) or 2026-Q4 (quarter)' }),
        size: Type.Integer({ minimum: 1, maximum: 10_000 }),
        seed: Type.Optional(Seed),
        preview: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          preview: Type.Boolean(),
          seed: Type.String(),
          population: Type.Integer(),
          drawn: Type.Integer(),
          sample: Nullable(SampleView),
          evaluationIds: Type.Optional(Type.Array(Type.Integer())),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const b = request.body;
    const r = await c.services.revisits.draw(staffCtx(request), { ...b, regionCode: c.services.regions.code(b.regionCode, 'regionCode') });
    if (r.preview) return { preview: true, seed: r.seed, population: r.population, drawn: r.evaluationIds.length, sample: null, evaluationIds: r.evaluationIds };
    return { preview: false, seed: r.sample.seed, population: r.sample.population, drawn: r.tasks, sample: sampleView(r.sample) };
  });

  app.get('/revisit-samples', {
    schema: {
      tags,
      summary: 'Samples of the regions in your data scope (permission revisit.read)',
      querystring: Type.Object({ regionCode: Type.Optional(RegionCode), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(SampleView) }), ...errors },
    },
  }, async (request) => {
    const { regionCode, ...rest } = request.query;
    const rows = await c.services.revisits.list(staffCtx(request), { ...rest, ...(regionCode ? { regionCode: c.services.regions.code(regionCode, 'regionCode') } : {}) });
    return { items: rows.map(sampleView) };
  });

  app.get('/revisit-samples/:id', {
    schema: { tags, summary: 'A sample with its results: calls reached, satisfaction', params: IdParam, response: { 200: Type.Object({ sample: SampleView, results: Results }), ...errors } },
  }, async (request) => {
    const r = await c.services.revisits.get(staffCtx(request), request.params.id);
    return { sample: sampleView(r.sample), results: r.results };
  });

  app.get('/revisit-samples/:id/verify', {
    schema: {
      tags,
      summary: 'Redraw the sample from its stored seed over the data as it is now and say whether the same evaluators come out',
      params: IdParam,
      response: { 200: Type.Object({ seed: Type.String(), populationThen: Type.Integer(), populationNow: Type.Integer(), matches: Type.Boolean() }), ...errors },
    },
  }, async (request) => c.services.revisits.verify(staffCtx(request), request.params.id));

  app.get('/revisit-tasks', {
    schema: {
      tags,
      summary: 'Revisit tasks in your data scope, phones masked (permission revisit.read)',
      querystring: Type.Object({ sampleId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })), status: Type.Optional(TaskStatus), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(TaskView) }), ...errors },
    },
  }, async (request) => ({ items: (await c.services.revisits.tasks(staffCtx(request), request.query)).map(taskView) }));

  app.post('/revisit-tasks/:id/answer', {
    schema: {
      tags,
      summary: 'Record the call: reached with a satisfaction 1–5, or not reached (permission revisit.answer)',
      description: 'The same answer again returns the task; a different second answer is 409. Answers feed the campaign’s revisit channel (回访抽测).',
      params: IdParam,
      body: Type.Object({
        reached: Type.Boolean(),
        satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 … 1 非常不满意; required when reached' })),
        remarks: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.Integer(), status: TaskStatus, satisfaction: Nullable(Type.Integer()), answeredAt: Nullable(Type.String({ format: 'date-time' })) }), ...errors },
    },
  }, async (request) => {
    const t = await c.services.revisits.answer(staffCtx(request), request.params.id, request.body);
    return { id: t.id, status: t.status, satisfaction: t.satisfaction, answeredAt: t.answered_at ? new Date(t.answered_at).toISOString() : null };
  });
};
