import {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_FORMULA_VERSION,
  CAMPAIGN_INPUT_METHODS,
  CAMPAIGN_QUARTERS,
  campaignChannelOfRating,
  campaignQuarterRange,
  campaignQuarterScore,
  campaignYearRange,
  campaignYearScore,
  checkCampaignConfig,
  isInRegion,
  isValidLocalDate,
  roundCampaignScore,
  shanghaiDateOf,
  startOfShanghaiDay,
  withCampaignDefaults,
  DEFAULT_CAMPAIGN_CONFIG,
  type CampaignChannel,
  type CampaignChannelResult,
  type CampaignQuarterView,
  type CampaignConfig,
  type CampaignInputChannel,
  type CampaignLevelCounts,
  type CampaignObjectGroup,
  type CampaignQuarter,
} from '@hcp/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Campaign, CampaignInput, DB } from '../db/schema.ts';
import { AppError, conflict, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { CampaignRepository, TallyRow } from '../repositories/campaign.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import { renderCampaignObjectReport, renderCampaignSummary, type RenderedFile } from '../documents/campaign-report.ts';

export interface CampaignInputRequest {
  orgId: number;
  channel: CampaignInputChannel;
  method?: string | undefined;
  /** The Beijing date of the result, YYYY-MM-DD; it decides the quarter. */
  date: string;
  level: number;
  count?: number | undefined;
  verified?: boolean | undefined;
  note?: string | undefined;
  ref?: string | undefined;
}

export interface ObjectScore {
  orgId: number;
  name: string;
  code: string | null;
  kind: string;
  group: CampaignObjectGroup;
  /** One per quarter, null for a quarter that has not begun. */
  quarters: (CampaignQuarterView | null)[];
  year: number | null;
  /** 1 = best year score; ties share a rank. */
  rank: number | null;
}

export interface CampaignScores {
  campaign: Campaign;
  config: CampaignConfig;
  configVersion: number;
  formulaVersion: number;
  asOf: Date;
  quarters: { quarter: CampaignQuarter; from: string; to: string; begun: boolean }[];
  objects: ObjectScore[];
}

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
const round = (x: number) => roundCampaignScore(x);

/**
 * The mass-evaluation campaign (群众评议机关作风, seed 002): per region and year, with its objects,
 * versioned scoring rules and the results of the five channels — portal and hotline ratings counted
 * from the stored evaluations, questionnaire, revisit and complaint results entered or imported, and
 * the 监督查评 calls answered — scored per quarter and year by the domain's formulas.
 */
export class CampaignService {
  constructor(
    private readonly db: Database,
    private readonly campaigns: CampaignRepository,
    private readonly regions: RegionRepository,
    private readonly orgs: OrganisationRepository,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(ctx: Ctx, input: { regionCode: string; year: number; name?: string | undefined; config?: CampaignConfig | undefined; note?: string | undefined }) {
    requirePermission(ctx, 'campaign.manage');
    const region = await this.regions.find(input.regionCode);
    if (!region) throw unknownReference('regionCode', 'no such region');
    requireInScope(ctx, { regionCode: region.code }, 'region');
    const config = checkedConfig(input.config ?? DEFAULT_CAMPAIGN_CONFIG);
    const name = input.name?.trim() || `${input.year}年${region.name}群众评议机关作风测评`;
    const created = await this.db.transaction().execute(async (trx) => {
      const c = await this.campaigns.insert(trx, { region_code: region.code, year: input.year, name, created_by: userIdOf(ctx) });
      if (!c) return undefined;
      await this.campaigns.insertConfig(trx, { campaign_id: c.id, version: 1, config: JSON.stringify(config), note: input.note?.trim() || null, created_by: userIdOf(ctx) });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'campaign.create', targetType: 'campaign', targetId: c.id, detail: { regionCode: region.code, year: input.year } });
      return c;
    });
    if (!created) throw conflict(`${region.name} already has a campaign for ${input.year}`, 'year');
    return this.get(ctx, created.id);
  }

  list(ctx: Ctx, f: { year?: number | undefined; limit: number; offset: number }) {
    requirePermission(ctx, 'campaign.read');
    return this.campaigns.list(listScope(ctx), { limit: f.limit, offset: f.offset, ...(f.year ? { year: f.year } : {}) });
  }

  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'campaign.read');
    const campaign = await this.findInScope(ctx, id);
    const cfg = await this.configOf(campaign.id);
    return { campaign, config: cfg.config, configVersion: cfg.version, objects: await this.campaigns.objects(campaign.id) };
  }

  async configVersions(ctx: Ctx, id: number) {
    requirePermission(ctx, 'campaign.read');
    await this.findInScope(ctx, id);
    return (await this.campaigns.configVersions(id)).map((v) => ({ ...v, config: withCampaignDefaults(v.config) }));
  }

  /** Saves a new version of the scoring rules; scores are computed with the version in force when asked. */
  async saveConfig(ctx: Ctx, id: number, input: { config: CampaignConfig; note?: string | undefined }) {
    requirePermission(ctx, 'campaign.manage');
    const campaign = await this.findInScope(ctx, id);
    const config = checkedConfig(input.config);
    const saved = await this.db.transaction().execute(async (trx) => {
      const current = await this.campaigns.currentConfig(id, trx);
      const version = (current?.version ?? 0) + 1;
      const row = await this.campaigns.insertConfig(trx, { campaign_id: id, version, config: JSON.stringify(config), note: input.note?.trim() || null, created_by: userIdOf(ctx) });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'campaign.config', targetType: 'campaign', targetId: id, detail: { version, weights: config.weights, deductions: config.deductions } });
      return row;
    }).catch((e: unknown) => {
      // Two saves at once: one gets the version, the other the unique violation.
      if (isUniqueViolation(e)) throw conflict('someone saved a version of these rules a moment ago; reload them', 'config');
      throw e;
    });
    return { campaignId: campaign.id, version: saved.version, config };
  }

  /** Sets the campaign's objects (评议对象) exactly, in the order given. */
  async setObjects(ctx: Ctx, id: number, objects: { orgId: number; group: CampaignObjectGroup }[]) {
    requirePermission(ctx, 'campaign.manage');
    const campaign = await this.findInScope(ctx, id);
    const seen = new Set<number>();
    objects.forEach((o, i) => {
      if (seen.has(o.orgId)) throw invalid(`objects.${i}.orgId`, 'appears twice');
      seen.add(o.orgId);
    });
    const orgs = new Map((await this.orgs.findMany([...seen])).map((o) => [o.id, o]));
    objects.forEach((o, i) => {
      const org = orgs.get(o.orgId);
      const field = `objects.${i}.orgId`;
      if (!org) throw unknownReference(field, 'no such organisation');
      if (org.kind === 'window') throw invalid(field, 'a window is not a campaign object: name its unit, hall or center');
      if (!isInRegion(org.region_code, campaign.region_code)) throw invalid(field, 'the organisation is outside the campaign’s region');
      requireInScope(ctx, { regionCode: org.region_code, orgPath: org.path }, 'organisation');
    });
    await this.db.transaction().execute(async (trx) => {
      await this.campaigns.replaceObjects(trx, id, objects);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'campaign.objects', targetType: 'campaign', targetId: id, detail: { count: objects.length } });
    });
    return this.campaigns.objects(id);
  }

  /**
   * Records one result of the questionnaire, revisit or complaint channel (a tally of `count` results
   * of one level). A `ref` makes it idempotent: the same ref again returns the stored result.
   */
  async addInput(ctx: Ctx, id: number, input: CampaignInputRequest): Promise<{ input: CampaignInput; created: boolean }> {
    requirePermission(ctx, 'campaign.input');
    const campaign = await this.findInScope(ctx, id);
    const config = (await this.configOf(id)).config;
    const row = await this.checkInput(campaign, config, input, '');
    const result = await this.db.transaction().execute(async (trx) => {
      const inserted = await this.campaigns.insertInput(trx, { ...row, source: 'entered', created_by: userIdOf(ctx) });
      if (!inserted) return undefined;
      await this.audit.append(trx, { ...auditActor(ctx), action: 'campaign.input', targetType: 'campaign', targetId: id, detail: { inputId: inserted.id, orgId: input.orgId, channel: input.channel, level: input.level, count: row.count } });
      return inserted;
    });
    if (result) return { input: result, created: true };
    const earlier = (await this.campaigns.findInputByRef(id, input.ref!))!;
    const same = earlier.org_id === row.org_id && earlier.channel === row.channel && earlier.occurred_on === row.occurred_on && earlier.level === row.level && earlier.count === row.count;
    if (!same) throw conflict(`ref ${input.ref} is already used for a different result`, 'ref');
    return { input: earlier, created: false };
  }

  /**
   * Checks one result against the campaign: an object of it, a channel and method that exist, a date
   * within the campaign year. Returns the row to insert; the importer uses the same check per row.
   */
  async checkInput(campaign: Campaign, config: CampaignConfig, input: CampaignInputRequest, fieldPrefix: string, objectIds?: Set<number>) {
    const f = (name: string) => `${fieldPrefix}${name}`;
    const ids = objectIds ?? new Set((await this.campaigns.objects(campaign.id)).map((o) => o.org_id));
    if (!ids.has(input.orgId)) throw unknownReference(f('orgId'), 'not an object of this campaign');
    const methods = CAMPAIGN_INPUT_METHODS[input.channel];
    if (!methods) throw invalid(f('channel'), 'questionnaire, revisit or complaint');
    if (input.method !== undefined && !methods.includes(input.method)) throw invalid(f('method'), `one of ${methods.join(', ')}`);
    if (!isValidLocalDate(input.date)) throw invalid(f('date'), 'a date YYYY-MM-DD');
    const year = campaignYearRange(campaign.year, config.yearEndMonth);
    if (input.date < year.from || input.date >= year.to) throw invalid(f('date'), `outside the campaign year (${year.from} to the day before ${year.to})`);
    if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5) throw invalid(f('level'), 'a level from 1 (非常不满意) to 5 (非常满意)');
    const count = input.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 100_000) throw invalid(f('count'), '1 to 100000');
    return {
      campaign_id: campaign.id,
      org_id: input.orgId,
      channel: input.channel,
      method: input.method ?? null,
      occurred_on: input.date,
      level: input.level,
      count,
      verified: input.verified ?? true,
      note: input.note?.trim() || null,
      ref: input.ref?.trim() || null,
    };
  }

  async listInputs(ctx: Ctx, id: number, f: { orgId?: number | undefined; channel?: CampaignInputChannel | undefined; limit: number; offset: number }) {
    requirePermission(ctx, 'campaign.read');
    await this.findInScope(ctx, id);
    return this.campaigns.listInputs(id, { limit: f.limit, offset: f.offset, ...(f.orgId ? { orgId: f.orgId } : {}), ...(f.channel ? { channel: f.channel } : {}) });
  }

  /** Every object's quarterly and yearly score, computed now with the rules in force. */
  async scores(ctx: Ctx, id: number): Promise<CampaignScores> {
    requirePermission(ctx, 'campaign.read');
    const campaign = await this.findInScope(ctx, id);
    return this.compute(campaign);
  }

  /** A campaign the caller may see, for the report of one of its objects. */
  async objectScore(ctx: Ctx, id: number, orgId: number): Promise<{ scores: CampaignScores; object: ObjectScore }> {
    const scores = await this.scores(ctx, id);
    const object = scores.objects.find((o) => o.orgId === orgId);
    if (!object) throw notFound('campaign object', 'orgId');
    return { scores, object };
  }

  /** The final report of one object (综合报告), as XLSX or PDF, computed now. */
  async objectReport(ctx: Ctx, id: number, orgId: number, format: 'xlsx' | 'pdf'): Promise<RenderedFile> {
    const { scores, object } = await this.objectScore(ctx, id, orgId);
    return renderCampaignObjectReport(scores, object, format);
  }

  /** Every object's quarterly and yearly scores, ranked, as one workbook. */
  async summaryWorkbook(ctx: Ctx, id: number): Promise<RenderedFile> {
    return renderCampaignSummary(await this.scores(ctx, id));
  }

  /** The campaign of the region and year, for the importer: it names campaigns by region and year. */
  async findForImport(regionCode: string, year: number) {
    const campaign = await this.campaigns.findByRegionYear(regionCode, year);
    if (!campaign) return undefined;
    return { campaign, config: (await this.configOf(campaign.id)).config, objectIds: new Set((await this.campaigns.objects(campaign.id)).map((o) => o.org_id)) };
  }

  objectsForImport(campaignId: number) {
    return this.campaigns.objects(campaignId);
  }

  /** Writes one checked row of an import in the import's transaction; false when its ref was stored already. */
  async insertImported(trx: Transaction<DB>, values: Awaited<ReturnType<CampaignService['checkInput']>>, ctx: Ctx): Promise<boolean> {
    const inserted = await this.campaigns.insertInput(trx, { ...values, source: 'import', created_by: userIdOf(ctx) });
    return !!inserted;
  }

  private async compute(campaign: Campaign): Promise<CampaignScores> {
    const cfgRow = await this.configOf(campaign.id);
    const config = cfgRow.config;
    const asOf = this.now();
    const today = shanghaiDateOf(asOf);
    const objects = await this.campaigns.objects(campaign.id);
    const kinds: ('active' | 'default')[] = config.countDefaultRatings ? ['active', 'default'] : ['active'];
    const quarters = CAMPAIGN_QUARTERS.map((q) => ({ quarter: q, ...campaignQuarterRange(campaign.year, q, config.yearEndMonth) })).map((q) => ({ ...q, begun: q.from <= today }));

    const perQuarter: Map<number, CampaignQuarterView>[] = [];
    for (const q of quarters) {
      const byObject = new Map<number, CampaignQuarterView>();
      perQuarter.push(byObject);
      if (!q.begun) continue;
      const from = startOfShanghaiDay(q.from);
      const to = startOfShanghaiDay(q.to);
      const counts = new Map<number, Partial<Record<CampaignChannel, CampaignLevelCounts>>>();
      const unverified = new Map<number, number>();
      const add = (orgId: number, ch: CampaignChannel, level: number, n: number) => {
        if (level < 1 || level > 5) return;
        const c = counts.get(orgId) ?? {};
        const l = (c[ch] ??= {});
        const key = level as 1 | 2 | 3 | 4 | 5;
        l[key] = (l[key] ?? 0) + Number(n);
        counts.set(orgId, c);
      };
      const ratings: TallyRow[] = await this.campaigns.ratingTallies(campaign.id, campaign.region_code, from, to, kinds);
      for (const r of ratings) {
        const ch = campaignChannelOfRating(config, r.channel);
        if (ch) add(r.org_id, ch, r.level, r.n);
      }
      for (const r of await this.campaigns.revisitTallies(campaign.id, campaign.region_code, from, to)) add(r.org_id, 'revisit', r.level, r.n);
      for (const r of await this.campaigns.inputTallies(campaign.id, q.from, q.to)) {
        if (r.verified) add(r.org_id, r.channel, r.level, Number(r.n));
        else if (r.channel === 'complaint') unverified.set(r.org_id, (unverified.get(r.org_id) ?? 0) + Number(r.n));
      }
      for (const o of objects) {
        const s = campaignQuarterScore(config, counts.get(o.org_id) ?? {});
        const channels = Object.fromEntries(CAMPAIGN_CHANNELS.map((ch) => {
          const c = s.channels[ch];
          return [ch, { n: c.n, mean: c.mean === null ? null : round(c.mean), score: round(c.score), weight: c.weight, points: round(c.points) }];
        })) as Record<CampaignChannel, CampaignChannelResult>;
        byObject.set(o.org_id, {
          quarter: q.quarter,
          total: s.total,
          channels,
          complaints: { ...s.complaints, unverified: unverified.get(o.org_id) ?? 0 },
          deduction: { raw: round(s.deduction.raw), applied: round(s.deduction.applied) },
        });
      }
    }

    const scored: ObjectScore[] = objects.map((o) => {
      const qs = perQuarter.map((m) => m.get(o.org_id) ?? null);
      const year = campaignYearScore(qs.filter((q): q is CampaignQuarterView => q !== null).map((q) => q.total));
      return {
        orgId: o.org_id, name: o.name, code: o.code, kind: o.kind, group: o.object_group,
        quarters: qs.map((q) => (q ? { ...q, total: round(q.total) } : null)),
        year: year === null ? null : round(year),
        rank: null,
      };
    });
    const ranked = scored.filter((o) => o.year !== null).sort((a, b) => b.year! - a.year!);
    ranked.forEach((o, i) => {
      o.rank = i > 0 && ranked[i - 1]!.year === o.year ? ranked[i - 1]!.rank : i + 1;
    });
    return {
      campaign, config, configVersion: cfgRow.version, formulaVersion: CAMPAIGN_FORMULA_VERSION, asOf,
      quarters: quarters.map(({ quarter, from, to, begun }) => ({ quarter, from, to, begun })),
      objects: scored,
    };
  }

  private async configOf(campaignId: number, db?: Executor): Promise<{ version: number; config: CampaignConfig }> {
    const row = await this.campaigns.currentConfig(campaignId, db);
    if (!row) throw new Error(`campaign ${campaignId} has no scoring rules`);
    return { version: row.version, config: withCampaignDefaults(row.config) };
  }

  private async findInScope(ctx: Ctx, id: number): Promise<Campaign> {
    const c = await this.campaigns.find(id);
    if (!c) throw notFound('campaign', 'id');
    requireInScope(ctx, { regionCode: c.region_code }, 'campaign');
    return c;
  }
}

function checkedConfig(input: CampaignConfig): CampaignConfig {
  const config = withCampaignDefaults(input);
  const problems = checkCampaignConfig(config);
  if (problems.length) {
    const first = problems[0]!;
    throw new AppError('VALIDATION_FAILED', `config.${first.field}: ${first.reason}`, `config.${first.field}`, problems.map((p) => ({ field: `config.${p.field}`, reason: p.reason })));
  }
  return config;
}

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
