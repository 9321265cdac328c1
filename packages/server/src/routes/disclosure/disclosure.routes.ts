import { createHash } from 'node:crypto';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteModule } from '../index.ts';
import { errors, ErrorResponse, RegionCode } from '../shared/schemas.ts';
import { OverviewResponse, PeriodQuery, RepliesResponse, SearchResponse, UnitResponse } from './disclosure.schemas.ts';

/** How long a browser or a shared cache may reuse an answer before it asks again (with If-None-Match). */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/** Whether an If-None-Match header (one tag, a list, weak tags or *) names `etag`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Makes a successful answer cacheable: Cache-Control public for PUBLIC_MAX_AGE_SECONDS and a strong
 * ETag of the body, and 304 without a body when the client already holds that version. Errors are
 * never cached.
 */
async function cacheable(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode !== 200 || typeof payload !== 'string') {
    void reply.header('cache-control', 'no-store');
    return payload;
  }
  const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
  void reply.header('etag', etag).header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
  if (matches(request.headers['if-none-match'], etag)) {
    void reply.code(304);
    return '';
  }
  return payload;
}

const UnitParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false });
const publicErrors = { ...errors, 429: ErrorResponse };

/**
 * The public disclosure portal's API (公开, no login): a region's figures and ranked units, a unit's
 * figures, place and published bad ratings with their replies, and a search of units and service
 * items. Only what the region's policy publishes (`publication`); answers are cacheable (ETag) and
 * limited per client address and minute (429 RATE_LIMITED).
 */
export const disclosureRoutes: RouteModule = (app, c) => {
  const tags = ['public disclosure'];
  const hooks = {
    preHandler: async (request: FastifyRequest) => c.services.disclosure.admit(request.ip),
    onSend: cacheable,
  };
  const region = (code: string | undefined) => (code === undefined ? {} : { regionCode: c.services.regions.code(code, 'regionCode') });

  app.get('/public/disclosure/overview', {
    ...hooks,
    schema: {
      tags,
      summary: 'A region’s published figures and its units ranked (national without regionCode); the region picker’s parents and children',
      description: 'Active ratings only. Below the policy’s publication.minVolume a figure is withheld. Cacheable: Cache-Control public and an ETag (If-None-Match answers 304).',
      querystring: Type.Object({ regionCode: Type.Optional(RegionCode), ...PeriodQuery }, { additionalProperties: false }),
      response: { 200: OverviewResponse, ...publicErrors },
    },
  }, async (request) => {
    const { regionCode, ...q } = request.query;
    return c.services.disclosure.overview({ ...q, ...region(regionCode) });
  });

  app.get('/public/disclosure/units/:id', {
    ...hooks,
    schema: {
      tags,
      summary: 'A unit’s published figures and its place among its region’s units; a unit not published is 404',
      params: UnitParams,
      querystring: Type.Object(PeriodQuery, { additionalProperties: false }),
      response: { 200: UnitResponse, ...publicErrors },
    },
  }, async (request) => c.services.disclosure.unit(request.params.id, request.query));

  app.get('/public/disclosure/units/:id/replies', {
    ...hooks,
    schema: {
      tags,
      summary: 'A unit’s published bad ratings with their public rectification replies (公开答复), newest first; the rating masked',
      params: UnitParams,
      querystring: Type.Object({
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
      }, { additionalProperties: false }),
      response: { 200: RepliesResponse, ...publicErrors },
    },
  }, async (request) => c.services.disclosure.replies(request.params.id, request.query));

  app.get('/public/disclosure/search', {
    ...hooks,
    schema: {
      tags,
      summary: 'Units and service items whose name contains q (or whose code is q), at most 20 of each, with satisfaction and bad-rating rate',
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 50 }), regionCode: Type.Optional(RegionCode), ...PeriodQuery }, { additionalProperties: false }),
      response: { 200: SearchResponse, ...publicErrors },
    },
  }, async (request) => {
    const { regionCode, ...q } = request.query;
    return c.services.disclosure.search({ ...q, ...region(regionCode) });
  });
};
