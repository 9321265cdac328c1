import { Type } from '@fastify/type-provider-typebox';
import { ORG_KINDS } from '@hcp/domain';
import type { Organisation } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';

export const OrgKind = StringEnum(ORG_KINDS);

const OrganisationView = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  parentId: Nullable(Type.Integer()),
  path: Type.String(),
  kind: OrgKind,
  code: Nullable(Type.String()),
  name: Type.String(),
  active: Type.Boolean(),
});

export const organisationView = (o: Organisation) => ({
  id: o.id,
  regionCode: o.region_code,
  parentId: o.parent_id,
  path: o.path,
  kind: o.kind,
  code: o.code,
  name: o.name,
  active: o.active,
});

/** The organisation tree: units, centers, halls, stations and windows. */
export const organisationRoutes: RouteModule = (app, c) => {
  const tags = ['organisations'];
  app.get('/organisations', {
    schema: {
      tags,
      summary: 'Organisations in your data scope',
      querystring: Type.Object({
        regionCode: Type.Optional(RegionCode),
        parentId: Type.Optional(Type.Integer({ minimum: 0 })),
        under: Type.Optional(Type.Integer({ minimum: 1 })),
        kind: Type.Optional(OrgKind),
        q: Type.Optional(Type.String({ maxLength: 50 })),
        ...Paging,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(OrganisationView) }), ...errors },
    },
  }, async (request) => {
    const { regionCode, parentId, ...rest } = request.query;
    const rows = await c.services.organisations.list(staffCtx(request), {
      ...rest,
      ...(regionCode ? { regionCode: c.services.regions.code(regionCode, 'regionCode') } : {}),
      ...(parentId !== undefined ? { parentId: parentId === 0 ? null : parentId } : {}),
    });
    return { items: rows.map(organisationView) };
  });

  app.get('/organisations/:id', { schema: { tags, summary: 'One organisation', params: IdParam, response: { 200: OrganisationView, ...errors } } }, async (request) =>
    organisationView(await c.services.organisations.get(staffCtx(request), request.params.id)));

  app.post('/organisations', {
    schema: {
      tags,
      summary: 'Create an organisation under a parent (or at the top for units, centers, halls, stations)',
      body: Type.Object({
        regionCode: RegionCode,
        parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
        kind: OrgKind,
        code: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
        name: Type.String({ minLength: 1, maxLength: 200 }),
      }, { additionalProperties: false }),
      response: { 201: OrganisationView, ...errors },
    },
  }, async (request, reply) => {
    const b = request.body;
    const org = await c.services.organisations.create(staffCtx(request), { ...b, regionCode: c.services.regions.code(b.regionCode, 'regionCode') });
    return reply.status(201).send(organisationView(org));
  });

  app.patch('/organisations/:id', {
    schema: {
      tags,
      summary: 'Rename, recode or deactivate an organisation',
      params: IdParam,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), code: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: OrganisationView, ...errors },
    },
  }, async (request) => organisationView(await c.services.organisations.update(staffCtx(request), request.params.id, request.body)));
};
