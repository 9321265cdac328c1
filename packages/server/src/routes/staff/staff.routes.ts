import { Type } from '@fastify/type-provider-typebox';
import { ID_NUMBER_PATTERN, PHONE_PATTERN } from '@hcp/domain';
import type { Staff } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, errors } from '../shared/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const EmployeeNo = Type.String({ minLength: 1, maxLength: 32, pattern: '^\\S(.*\\S)?$' });
const PhotoUrl = Type.String({ maxLength: 500, pattern: '^(https?://|/)\\S+$', description: 'an http(s) URL or a path on this server' });
const WindowIds = Type.Array(Id, { maxItems: 100 });
/** Write-only: kept as blind indexes to see a staff member rating their own case; never shown in clear. */
const OwnPhone = Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 20, pattern: PHONE_PATTERN, description: 'the staff member’s own phone, only compared with evaluators’ (self-rating detection); omitted keeps, null clears' })));
const OwnIdNumber = Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 32, pattern: ID_NUMBER_PATTERN, description: 'the staff member’s own ID number, only compared; omitted keeps, null clears' })));

const StaffView = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  employeeNo: Type.String(),
  name: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  active: Type.Boolean(),
  windowIds: Type.Array(Type.Integer()),
  phoneMasked: Nullable(Type.String({ description: 'the own phone registered for self-rating detection, masked' })),
  hasIdNumber: Type.Boolean(),
});

const staffView = (s: Staff & { unit_name: string; windowIds: number[] }) => ({
  id: s.id,
  unitId: s.org_id,
  unitName: s.unit_name,
  employeeNo: s.employee_no,
  name: s.name,
  title: s.title,
  photoUrl: s.photo_url,
  active: s.active,
  windowIds: s.windowIds,
  phoneMasked: s.phone_masked,
  hasIdNumber: s.id_bidx !== null,
});

/** Window staff (窗口工作人员): who works for which unit, at which windows. */
export const staffRoutes: RouteModule = (app, c) => {
  const tags = ['staff'];
  app.get('/staff', {
    schema: {
      tags,
      summary: 'Staff in your data scope, by unit, window or name',
      querystring: Type.Object({ unitId: Type.Optional(Id), windowId: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(StaffView) }), ...errors },
    },
  }, async (request) => ({ items: (await c.services.staff.list(staffCtx(request), request.query)).map(staffView) }));

  app.get('/staff/:id', { schema: { tags, summary: 'One staff member', params: IdParam, response: { 200: StaffView, ...errors } } }, async (request) =>
    staffView(await c.services.staff.get(staffCtx(request), request.params.id)));

  app.post('/staff', {
    schema: {
      tags,
      summary: 'Add a staff member to a unit; the employee number is unique within the unit',
      body: Type.Object({
        unitId: Id,
        employeeNo: EmployeeNo,
        name: Type.String({ minLength: 1, maxLength: 50 }),
        title: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
        photoUrl: Type.Optional(Nullable(PhotoUrl)),
        active: Type.Optional(Type.Boolean()),
        windowIds: Type.Optional(WindowIds),
        phone: OwnPhone,
        idNumber: OwnIdNumber,
      }, { additionalProperties: false }),
      response: { 201: StaffView, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(staffView(await c.services.staff.create(staffCtx(request), request.body))));

  app.patch('/staff/:id', {
    schema: {
      tags,
      summary: 'Change a staff member',
      params: IdParam,
      body: Type.Object({
        employeeNo: Type.Optional(EmployeeNo),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
        title: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
        photoUrl: Type.Optional(Nullable(PhotoUrl)),
        active: Type.Optional(Type.Boolean()),
        phone: OwnPhone,
        idNumber: OwnIdNumber,
      }, { additionalProperties: false }),
      response: { 200: StaffView, ...errors },
    },
  }, async (request) => staffView(await c.services.staff.update(staffCtx(request), request.params.id, request.body)));

  app.put('/staff/:id/windows', {
    schema: {
      tags,
      summary: 'Set the windows a staff member works at',
      params: IdParam,
      body: Type.Object({ windowIds: WindowIds }, { additionalProperties: false }),
      response: { 200: StaffView, ...errors },
    },
  }, async (request) => staffView(await c.services.staff.setWindows(staffCtx(request), request.params.id, request.body.windowIds)));
};
