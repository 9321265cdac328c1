import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable, StringEnum } from '../shared/schemas.ts';
import { NATIONAL } from '../../services/calendar.service.ts';

const CalendarRegion = Type.Object({ regionCode: Type.String({ pattern: '^(national|[0-9]{6}([0-9]{3}([0-9]{3})?)?)$', description: 'a region code, or "national" for the national layer' }) });
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/** The working-day calendar (工作日历) per region, versioned corrections on top of the official one. */
export const calendarRoutes: RouteModule = (app, c) => {
  const tags = ['calendar'];
  const regionOf = (raw: string) => (raw === 'national' ? NATIONAL : c.services.regions.code(raw, 'regionCode'));

  app.get('/calendar/:regionCode/days', {
    schema: {
      tags,
      summary: 'Every day of a year: working or not, and whether from the official calendar or a correction',
      params: CalendarRegion,
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          regionCode: Type.String(),
          year: Type.Integer(),
          official: Type.Boolean({ description: 'false when the State Council arrangement of this year is not loaded yet' }),
          workingDays: Type.Integer(),
          days: Type.Array(Type.Object({ date: Type.String(), working: Type.Boolean(), source: Type.String(), name: Type.Optional(Type.String()) })),
        }),
        ...errors,
      },
    },
  }, async (request) => c.services.calendar.year(staffCtx(request), regionOf(request.params.regionCode), request.query.year));

  app.get('/calendar/:regionCode/versions', {
    schema: {
      tags,
      summary: 'The versions of this region’s corrections',
      params: CalendarRegion,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ version: Type.Integer(), days: Type.Integer(), createdAt: Type.String(), createdBy: Nullable(Type.String()) })) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.calendar.history(staffCtx(request), regionOf(request.params.regionCode));
    return { items: rows.map((r) => ({ version: r.version, days: Number(r.days), createdAt: new Date(r.created_at as Date).toISOString(), createdBy: r.created_by ?? null })) };
  });

  app.post('/calendar/:regionCode/overrides', {
    schema: {
      tags,
      summary: 'Add or correct days (holiday, workday, or clear a correction) as a new version; ranges with "to"',
      params: CalendarRegion,
      body: Type.Object({
        note: Type.Optional(Type.String({ maxLength: 200 })),
        days: Type.Array(
          Type.Object({ date: LocalDate, to: Type.Optional(LocalDate), kind: StringEnum(['workday', 'holiday', 'clear'] as const), name: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
          { minItems: 1, maxItems: 400 },
        ),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ version: Type.Integer(), days: Type.Integer() }), ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await c.services.calendar.save(staffCtx(request), regionOf(request.params.regionCode), request.body.days, request.body.note)));

  app.get('/calendar/:regionCode/deadline', {
    schema: {
      tags,
      summary: 'The deadline a number of working days after an instant',
      params: CalendarRegion,
      querystring: Type.Object({ from: Type.String({ format: 'date-time' }), days: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.String(), workingDays: Type.Integer(), deadline: Type.String(), remaining: Type.Integer() }), ...errors },
    },
  }, async (request) => {
    const r = await c.services.calendar.deadline(staffCtx(request), regionOf(request.params.regionCode), new Date(request.query.from), request.query.days);
    return { from: r.from.toISOString(), workingDays: r.workingDays, deadline: r.deadline.toISOString(), remaining: r.remaining };
  });
};
