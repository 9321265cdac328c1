import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { Nullable, Ok, Paging, RegionCode, errors } from '../shared/schemas.ts';

const RegionView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  parentCode: Nullable(Type.String()),
  children: Type.Optional(Type.Integer()),
  path: Type.Optional(Type.Array(Type.String())),
});

const RegionBody = Type.Object({ code: RegionCode, name: Type.String({ minLength: 1, maxLength: 100 }), parentCode: Type.Optional(Nullable(RegionCode)) }, { additionalProperties: false });

const view = (r: { code: string; name: string; level: number; parent_code: string | null; children?: number | null; path?: string[] }) => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  ...(typeof r.children === 'number' ? { children: r.children } : {}),
  ...(r.path ? { path: r.path } : {}),
});

/** Regions (行政区划), GB/T 2260 codes extended to 12 digits. */
export const regionRoutes: RouteModule = (app, c) => {
  const tags = ['regions'];
  app.get('/regions', {
    schema: {
      tags,
      summary: 'Children of a region (top level without parentCode), or a name search',
      querystring: Type.Object({ parentCode: Type.Optional(RegionCode), q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(RegionView) }), ...errors },
    },
  }, async (request) => {
    const { parentCode, q, limit, offset } = request.query;
    const rows = await c.services.regions.list(staffCtx(request), { parentCode: parentCode ?? (q ? undefined : null), ...(q ? { q } : {}), limit, offset });
    return { items: rows.map(view) };
  });

  app.get('/regions/:code', {
    schema: { tags, summary: 'One region with the codes of its ancestors', params: Type.Object({ code: RegionCode }), response: { 200: RegionView, ...errors } },
  }, async (request) => view(await c.services.regions.get(staffCtx(request), request.params.code)));

  app.post('/regions', {
    schema: { tags, summary: 'Create or update regions (a batch, parents first or already known)', body: Type.Union([RegionBody, Type.Array(RegionBody, { minItems: 1, maxItems: 5000 })]), response: { 200: Type.Object({ saved: Type.Integer() }), ...errors } },
  }, async (request) => {
    const body = Array.isArray(request.body) ? request.body : [request.body];
    const rows = await c.services.regions.save(staffCtx(request), body);
    return { saved: rows.length };
  });

  app.patch('/regions/:code', {
    schema: { tags, summary: 'Rename a region', params: Type.Object({ code: RegionCode }), body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }), response: { 200: Ok, ...errors } },
  }, async (request) => {
    await c.services.regions.rename(staffCtx(request), request.params.code, request.body.name);
    return { ok: true };
  });
};
