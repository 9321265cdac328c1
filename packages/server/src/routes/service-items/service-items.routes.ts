import { Type } from '@fastify/type-provider-typebox';
import { ITEM_CODE_PATTERN, ITEM_TYPES } from '@hcp/domain';
import type { ServiceItem } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { ServiceItemContent } from '../../services/service-item.service.ts';
import type { RouteModule } from '../index.ts';
import { Nullable, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';

export const ItemType = StringEnum(ITEM_TYPES);
/** Unified item codes (事项编码) are letters, digits and a few separators. */
export const ItemCode = Type.String({ minLength: 1, maxLength: 64, pattern: ITEM_CODE_PATTERN });
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Days = Type.Integer({ minimum: 0, maximum: 3650 });

const Content = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  legalBasis: Type.Optional(Type.String({ maxLength: 10_000 })),
  itemType: ItemType,
  promisedDays: Days,
  statutoryDays: Type.Optional(Nullable(Days)),
  fee: Type.Optional(Type.String({ maxLength: 200 })),
  ownerUnitId: Id,
  regionCode: RegionCode,
};

const ItemView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  legalBasis: Type.String(),
  itemType: Type.String(),
  promisedDays: Type.Integer(),
  statutoryDays: Nullable(Type.Integer()),
  fee: Type.String(),
  ownerUnitId: Type.Integer(),
  ownerName: Type.String(),
  regionCode: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  supersededAt: Nullable(Type.String({ format: 'date-time' })),
});

const itemView = (i: ServiceItem & { owner_name: string }) => ({
  id: i.id,
  code: i.item_code,
  version: i.version,
  name: i.name,
  legalBasis: i.legal_basis,
  itemType: i.item_type,
  promisedDays: i.promised_days,
  statutoryDays: i.statutory_days,
  fee: i.fee,
  ownerUnitId: i.owner_org_id,
  ownerName: i.owner_name,
  regionCode: i.region_code,
  createdAt: i.created_at.toISOString(),
  supersededAt: i.superseded_at?.toISOString() ?? null,
});

const CodeParam = Type.Object({ code: ItemCode }, { additionalProperties: false });

/** Service items (政务服务事项), one current version per code plus the versions before it. */
export const serviceItemRoutes: RouteModule = (app, c) => {
  const tags = ['service-items'];
  const content = (b: ServiceItemContent): ServiceItemContent => ({ ...b, regionCode: c.services.regions.code(b.regionCode, 'regionCode') });

  app.get('/service-items', {
    schema: {
      tags,
      summary: 'Current versions of the service items in your data scope',
      querystring: Type.Object({ ownerUnitId: Type.Optional(Id), regionCode: Type.Optional(RegionCode), itemType: Type.Optional(ItemType), q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ItemView) }), ...errors },
    },
  }, async (request) => {
    const { regionCode, ...rest } = request.query;
    const rows = await c.services.serviceItems.list(staffCtx(request), { ...rest, ...(regionCode ? { regionCode: c.services.regions.code(regionCode, 'regionCode') } : {}) });
    return { items: rows.map(itemView) };
  });

  app.get('/service-items/:code', { schema: { tags, summary: 'The current version of an item', params: CodeParam, response: { 200: ItemView, ...errors } } }, async (request) =>
    itemView(await c.services.serviceItems.get(staffCtx(request), request.params.code)));

  app.get('/service-items/:code/versions', {
    schema: { tags, summary: 'Every version of an item, newest first', params: CodeParam, response: { 200: Type.Object({ items: Type.Array(ItemView) }), ...errors } },
  }, async (request) => ({ items: (await c.services.serviceItems.versions(staffCtx(request), request.params.code)).map(itemView) }));

  app.post('/service-items', {
    schema: {
      tags,
      summary: 'Create a service item (version 1)',
      body: Type.Object({ code: ItemCode, ...Content }, { additionalProperties: false }),
      response: { 201: ItemView, ...errors },
    },
  }, async (request, reply) => {
    const { code, ...rest } = request.body;
    return reply.status(201).send(itemView(await c.services.serviceItems.create(staffCtx(request), code, content(rest))));
  });

  app.put('/service-items/:code', {
    schema: {
      tags,
      summary: 'Replace the content of an item: a new version when anything changed, none otherwise',
      params: CodeParam,
      body: Type.Object(Content, { additionalProperties: false }),
      response: { 200: Type.Object({ item: ItemView, changed: Type.Boolean() }), ...errors },
    },
  }, async (request) => {
    const { item, changed } = await c.services.serviceItems.change(staffCtx(request), request.params.code, content(request.body));
    return { item: itemView(item), changed };
  });
};
