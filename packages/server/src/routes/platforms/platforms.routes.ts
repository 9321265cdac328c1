import { Type } from '@fastify/type-provider-typebox';
import { PLATFORM_KINDS } from '@hcp/domain';
import type { Platform } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';

export const PlatformKind = StringEnum(PLATFORM_KINDS);
const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S(.*\\S)?$' });
const Url = Type.String({ maxLength: 500, pattern: '^https?://\\S+$' });

const PlatformView = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  kind: PlatformKind,
  code: Type.String(),
  name: Type.String(),
  url: Nullable(Type.String()),
  active: Type.Boolean(),
});

export const platformView = (p: Platform) => ({ id: p.id, regionCode: p.region_code, kind: p.kind, code: p.code, name: p.name, url: p.url, active: p.active });

/** Platforms (政务服务平台) that evaluators rate. */
export const platformRoutes: RouteModule = (app, c) => {
  const tags = ['platforms'];
  app.get('/platforms', {
    schema: {
      tags,
      summary: 'Platforms in your data scope',
      querystring: Type.Object({ regionCode: Type.Optional(RegionCode), kind: Type.Optional(PlatformKind), q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(PlatformView) }), ...errors },
    },
  }, async (request) => {
    const { regionCode, ...rest } = request.query;
    const rows = await c.services.platforms.list(staffCtx(request), { ...rest, ...(regionCode ? { regionCode: c.services.regions.code(regionCode, 'regionCode') } : {}) });
    return { items: rows.map(platformView) };
  });

  app.get('/platforms/:id', { schema: { tags, summary: 'One platform', params: IdParam, response: { 200: PlatformView, ...errors } } }, async (request) =>
    platformView(await c.services.platforms.get(staffCtx(request), request.params.id)));

  app.post('/platforms', {
    schema: {
      tags,
      summary: 'Create a platform; its code is unique within its region',
      body: Type.Object({
        regionCode: RegionCode,
        kind: PlatformKind,
        code: Code,
        name: Type.String({ minLength: 1, maxLength: 200 }),
        url: Type.Optional(Nullable(Url)),
        active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 201: PlatformView, ...errors },
    },
  }, async (request, reply) => {
    const b = request.body;
    const p = await c.services.platforms.create(staffCtx(request), { ...b, regionCode: c.services.regions.code(b.regionCode, 'regionCode') });
    return reply.status(201).send(platformView(p));
  });

  app.patch('/platforms/:id', {
    schema: {
      tags,
      summary: 'Rename, recode, reclassify or deactivate a platform',
      params: IdParam,
      body: Type.Object({
        kind: Type.Optional(PlatformKind),
        code: Type.Optional(Code),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        url: Type.Optional(Nullable(Url)),
        active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: PlatformView, ...errors },
    },
  }, async (request) => platformView(await c.services.platforms.update(staffCtx(request), request.params.id, request.body)));
};
