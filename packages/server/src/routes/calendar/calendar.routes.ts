import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import { arrangementTemplate, CALENDAR_FILE_MAX_BYTES } from '../../imports/calendar-file.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable, StringEnum } from '../shared/schemas.ts';
import { readUploadedFile } from '../shared/upload.ts';
import { NATIONAL } from '../../services/calendar.service.ts';

const CalendarRegion = Type.Object({ regionCode: Type.String({ pattern: '^(national|[0-9]{6}([0-9]{3}([0-9]{3})?)?)$', description: 'a region code, or "national" for the national layer' }) });
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const DayState = Type.Object({ working: Type.Boolean(), name: Nullable(Type.String()) });
const FILE_FORMAT =
  'A CSV with the header date,type,name (日期,类型,名称 also read; type 休 or holiday = a day off, 班 or workday = a make-up working day), ' +
  'or an iCalendar .ics file of all-day events (an event whose SUMMARY contains 班, such as "春节 补班", is a working day; any other is days off, DTEND exclusive). ' +
  'Every day must lie in the year and appear once; any problem is 422 IMPORT_FAILED with each at its row (CSV) or line (.ics) and column, and nothing is written.';

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
  app.post('/calendar/:regionCode/imports/preview', {
    schema: {
      tags,
      summary: 'Check a year’s holiday arrangement file (放假安排) and show which days it would change; nothing is written',
      description: `${FILE_FORMAT} The file's days replace this region's own corrections of that year. Permission calendar.write.`,
      consumes: ['multipart/form-data'],
      params: CalendarRegion,
      querystring: Type.Object({ year: Year }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          year: Type.Integer(),
          format: StringEnum(['csv', 'ics'] as const),
          days: Type.Integer({ description: 'days listed in the file' }),
          holidays: Type.Integer(),
          workdays: Type.Integer(),
          baseVersion: Type.Integer({ description: 'the region’s latest version now: send it back to apply exactly this preview' }),
          writes: Type.Integer({ description: 'rows the new version would hold; 0 when the calendar already matches the file' }),
          changes: Type.Array(Type.Object({ date: Type.String(), before: DayState, after: DayState })),
        }),
        ...errors,
        413: errors[400],
        415: errors[400],
      },
    },
  }, async (request) => {
    const ctx = staffCtx(request);
    const region = regionOf(request.params.regionCode);
    await c.services.calendar.checkWrite(ctx, region);
    const p = await c.services.calendar.previewImport(ctx, region, request.query.year, await readUploadedFile(request, CALENDAR_FILE_MAX_BYTES, 'file'));
    return { ...p, writes: p.writes.length };
  });

  app.post('/calendar/:regionCode/imports', {
    schema: {
      tags,
      summary: 'Apply a year’s holiday arrangement file as one new version (audited); the same file again writes nothing',
      description: `${FILE_FORMAT} Answers 201 with the new version, or 200 with applied=false when the calendar already matches the file. ` +
        'With baseVersion from the preview, a calendar changed since is 409 CONFLICT. Permission calendar.write.',
      consumes: ['multipart/form-data'],
      params: CalendarRegion,
      querystring: Type.Object({ year: Year, baseVersion: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ applied: Type.Boolean(), version: Type.Integer(), days: Type.Integer(), changes: Type.Integer() }),
        200: Type.Object({ applied: Type.Boolean(), version: Type.Integer(), days: Type.Integer(), changes: Type.Integer() }),
        ...errors,
        413: errors[400],
        415: errors[400],
      },
    },
  }, async (request, reply) => {
    const ctx = staffCtx(request);
    const region = regionOf(request.params.regionCode);
    await c.services.calendar.checkWrite(ctx, region);
    const r = await c.services.calendar.applyImport(ctx, region, request.query.year, await readUploadedFile(request, CALENDAR_FILE_MAX_BYTES, 'file'), request.query.baseVersion);
    return reply.status(r.applied ? 201 : 200).send(r);
  });

  app.get('/calendar/import-template', {
    schema: {
      tags,
      summary: 'A CSV template of a year’s holiday arrangement (date,type,name)',
      querystring: Type.Object({ year: Year }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    staffCtx(request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="calendar-${request.query.year}.csv"`)
      .send(arrangementTemplate(request.query.year));
  });
};
