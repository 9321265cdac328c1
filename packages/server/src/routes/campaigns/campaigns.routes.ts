import { Type } from '@fastify/type-provider-typebox';
import type { Campaign, CampaignInput } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { IdParam, Nullable, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';
import { CampaignConfigSchema, CampaignInputView, CampaignObjectView, CampaignScoresView, CampaignView, InputChannel, ObjectGroup } from './campaign.schemas.ts';

const campaignView = (c: Campaign) => ({ id: c.id, regionCode: c.region_code, year: c.year, name: c.name, createdAt: new Date(c.created_at).toISOString() });
const objectView = (o: { org_id: number; name: string; code: string | null; kind: string; object_group: string; position: number }) =>
  ({ orgId: o.org_id, name: o.name, code: o.code, kind: o.kind, group: o.object_group as never, position: o.position });
const inputView = (i: CampaignInput) => ({
  id: i.id, orgId: i.org_id, channel: i.channel, method: i.method, date: i.occurred_on, level: i.level, count: i.count, verified: i.verified,
  note: i.note, ref: i.ref, source: i.source, createdAt: new Date(i.created_at).toISOString(),
});

const Detail = Type.Object({ campaign: CampaignView, configVersion: Type.Integer(), config: CampaignConfigSchema, objects: Type.Array(CampaignObjectView) });
const ObjectParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }), orgId: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false });
const Format = StringEnum(['xlsx', 'pdf'] as const);

/**
 * The mass-evaluation campaign (群众评议机关作风, seed 002): campaigns per region and year, their objects
 * and versioned scoring rules, the results entered for the questionnaire, revisit and complaint
 * channels, the computed quarterly and yearly scores, and each object's final report.
 */
export const campaignRoutes: RouteModule = (app, c) => {
  const tags = ['campaigns'];

  app.post('/campaigns', {
    schema: {
      tags,
      summary: 'Create the campaign of a region and year, with its first scoring rules (permission campaign.manage)',
      description: 'Without config the default rules apply (docs/domain/campaign.md). A second campaign of the same region and year is 409.',
      body: Type.Object({
        regionCode: RegionCode,
        year: Type.Integer({ minimum: 2000, maximum: 2999 }),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        config: Type.Optional(CampaignConfigSchema),
        note: Type.Optional(Type.String({ maxLength: 200 })),
      }, { additionalProperties: false }),
      response: { 200: Detail, ...errors },
    },
  }, async (request) => {
    const b = request.body;
    const r = await c.services.campaigns.create(staffCtx(request), { ...b, regionCode: c.services.regions.code(b.regionCode, 'regionCode') });
    return { campaign: campaignView(r.campaign), configVersion: r.configVersion, config: r.config, objects: r.objects.map(objectView) };
  });

  app.get('/campaigns', {
    schema: {
      tags,
      summary: 'Campaigns of the regions in your data scope, newest year first (permission campaign.read)',
      querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2999 })), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(CampaignView) }), ...errors },
    },
  }, async (request) => ({ items: (await c.services.campaigns.list(staffCtx(request), request.query)).map(campaignView) }));

  app.get('/campaigns/:id', {
    schema: { tags, summary: 'A campaign with its scoring rules in force and its objects', params: IdParam, response: { 200: Detail, ...errors } },
  }, async (request) => {
    const r = await c.services.campaigns.get(staffCtx(request), request.params.id);
    return { campaign: campaignView(r.campaign), configVersion: r.configVersion, config: r.config, objects: r.objects.map(objectView) };
  });

  app.get('/campaigns/:id/config-versions', {
    schema: {
      tags,
      summary: 'Every version of a campaign’s scoring rules, newest first',
      params: IdParam,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ version: Type.Integer(), config: CampaignConfigSchema, note: Nullable(Type.String()), createdBy: Nullable(Type.Integer()), createdAt: Type.String({ format: 'date-time' }) })) }), ...errors },
    },
  }, async (request) => ({
    items: (await c.services.campaigns.configVersions(staffCtx(request), request.params.id)).map((v) => ({ version: v.version, config: v.config, note: v.note, createdBy: v.created_by, createdAt: new Date(v.created_at).toISOString() })),
  }));

  app.post('/campaigns/:id/config', {
    schema: {
      tags,
      summary: 'Save a new version of the scoring rules (permission campaign.manage); scores use the version in force',
      params: IdParam,
      body: Type.Object({ config: CampaignConfigSchema, note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ campaignId: Type.Integer(), version: Type.Integer(), config: CampaignConfigSchema }), ...errors },
    },
  }, async (request) => c.services.campaigns.saveConfig(staffCtx(request), request.params.id, request.body));

  app.put('/campaigns/:id/objects', {
    schema: {
      tags,
      summary: 'Set the campaign’s objects (评议对象) exactly, in order: units, the service center, halls, township centers (permission campaign.manage)',
      params: IdParam,
      body: Type.Object({ objects: Type.Array(Type.Object({ orgId: Type.Integer({ minimum: 1, maximum: 2147483647 }), group: ObjectGroup }, { additionalProperties: false }), { maxItems: 1000 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(CampaignObjectView) }), ...errors },
    },
  }, async (request) => ({ items: (await c.services.campaigns.setObjects(staffCtx(request), request.params.id, request.body.objects)).map(objectView) }));

  app.post('/campaigns/:id/inputs', {
    schema: {
      tags,
      summary: 'Record a questionnaire, revisit or complaint result: `count` results of one level (permission campaign.input)',
      description: 'Give `ref` to make a retry safe: the same ref returns the stored result (created false); a ref reused for a different result is 409. Complaints count once verified. Files: POST /api/imports/campaign-inputs.',
      params: IdParam,
      body: Type.Object({
        orgId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
        channel: InputChannel,
        method: Type.Optional(Type.String({ maxLength: 16, description: 'questionnaire: on_site, online; revisit: phone, on_site, questionnaire, inspection; complaint: phone, email, letter, on_site, online' })),
        date: Type.String({ format: 'date', description: 'Beijing date of the result; it decides the quarter' }),
        level: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 … 1 非常不满意' }),
        count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'results of this level, default 1' })),
        verified: Type.Optional(Type.Boolean({ description: 'default true; an unverified complaint is shown but neither scored nor deducted' })),
        note: Type.Optional(Type.String({ maxLength: 500 })),
        ref: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ input: CampaignInputView, created: Type.Boolean() }), ...errors },
    },
  }, async (request) => {
    const r = await c.services.campaigns.addInput(staffCtx(request), request.params.id, request.body);
    return { input: inputView(r.input), created: r.created };
  });

  app.get('/campaigns/:id/inputs', {
    schema: {
      tags,
      summary: 'Results entered or imported for a campaign, newest first',
      params: IdParam,
      querystring: Type.Object({ orgId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })), channel: Type.Optional(InputChannel), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(CampaignInputView) }), ...errors },
    },
  }, async (request) => ({ items: (await c.services.campaigns.listInputs(staffCtx(request), request.params.id, request.query)).map(inputView) }));

  app.get('/campaigns/:id/scores', {
    schema: {
      tags,
      summary: 'Every object’s quarterly and yearly score, computed now with the rules in force (permission campaign.read)',
      params: IdParam,
      response: { 200: CampaignScoresView, ...errors },
    },
  }, async (request) => {
    const s = await c.services.campaigns.scores(staffCtx(request), request.params.id);
    return { ...s, campaign: campaignView(s.campaign), asOf: s.asOf.toISOString() };
  });

  app.get('/campaigns/:id/scores/export', {
    schema: { tags, summary: 'Every object’s scores, ranked, as an XLSX workbook (permission campaign.read)', params: IdParam },
  }, async (request, reply) => {
    const f = await c.services.campaigns.summaryWorkbook(staffCtx(request), request.params.id);
    return reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.bytes);
  });

  app.get('/campaigns/:id/objects/:orgId/report', {
    schema: {
      tags,
      summary: 'The final report (综合报告) of one campaign object, as XLSX or PDF (permission campaign.read)',
      params: ObjectParams,
      querystring: Type.Object({ format: Format }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const f = await c.services.campaigns.objectReport(staffCtx(request), request.params.id, request.params.orgId, request.query.format);
    return reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.bytes);
  });
};
