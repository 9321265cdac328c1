import { CAMPAIGN_INPUT_CHANNELS, CAMPAIGN_CHANNEL_NAMES, isValidLocalDate, type CampaignConfig } from '@hcp/domain';
import type { Campaign } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { readRows, type Importer, type PreparedImport } from '../../imports/importer.ts';
import { reasonOf, type RowErrors } from '../../imports/row-errors.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import { isInScope, type Ctx } from '../actor.ts';
import type { CampaignService } from '../campaign.service.ts';
import { OUT_OF_SCOPE } from './references.ts';

const LEVEL_NAMES: Record<string, number> = { 非常满意: 5, 满意: 4, 基本满意: 3, 不满意: 2, 非常不满意: 1 };
const DATE_CELL = /^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?$/;

const read = (r: RowReader) => {
  const rawLevel = r.raw('level');
  let level: number | null = null;
  if (!rawLevel) r.error('level', 'is required');
  else if (LEVEL_NAMES[rawLevel] !== undefined) level = LEVEL_NAMES[rawLevel]!;
  else if (/^[1-5]$/.test(rawLevel)) level = Number(rawLevel);
  else r.error('level', `"${rawLevel.slice(0, 20)}" is not a level: 1–5 or 非常满意/满意/基本满意/不满意/非常不满意`);
  const rawDate = r.raw('date');
  const m = DATE_CELL.exec(rawDate);
  const date = m && isValidLocalDate(m[1]!) ? m[1]! : null;
  if (!rawDate) r.error('date', 'is required');
  else if (!date) r.error('date', `"${rawDate.slice(0, 20)}" is not a date YYYY-MM-DD`);
  return {
    year: r.int('campaign_year', { required: true, min: 2000, max: 2999 }),
    regionCode: r.regionCode('campaign_region_code', true),
    orgId: r.id('org_id'),
    orgCode: r.text('org_code', { max: 64 }),
    channel: r.choice('channel', CAMPAIGN_INPUT_CHANNELS, CAMPAIGN_CHANNEL_NAMES, true),
    method: r.text('method', { max: 16 }),
    date,
    level,
    count: r.int('count', { min: 1, max: 100_000 }),
    verified: r.bool('verified'),
    note: r.text('note', { max: 500 }),
    ref: r.text('ref', { max: 64 }),
  };
};

type Loaded = { campaign: Campaign; config: CampaignConfig; objectIds: Set<number>; codes: Map<string, number[]> };

/**
 * Results of a campaign's questionnaire, revisit and complaint channels (问卷调查、回访抽测、举报投诉),
 * one tally per row; the campaign is named by its region and year, the object by its id or its code.
 * A row whose ref the campaign has already is left as it is (a re-imported file counts nothing twice).
 */
export class CampaignInputImporter implements Importer {
  readonly kind = 'campaign-inputs' as const;
  readonly permission = 'campaign.input' as const;
  readonly columns = [
    { key: 'campaign_year', label: '评议年度', required: true },
    { key: 'campaign_region_code', label: '评议区划代码', required: true },
    { key: 'org_id', label: '评议对象ID', oneOf: 'object' },
    { key: 'org_code', label: '评议对象编码', oneOf: 'object' },
    { key: 'channel', label: '渠道', required: true },
    { key: 'method', label: '方式' },
    { key: 'date', label: '日期', required: true },
    { key: 'level', label: '评价等级', required: true },
    { key: 'count', label: '数量' },
    { key: 'verified', label: '已核实' },
    { key: 'note', label: '备注' },
    { key: 'ref', label: '编号' },
  ];

  constructor(private readonly campaigns: CampaignService) {}

  async prepare(ctx: Ctx, readers: RowReader[], errors: RowErrors): Promise<PreparedImport> {
    const rows = readRows(readers, read).ok;
    const loaded = new Map<string, Loaded | null>();
    const planned: { row: number; campaign: Campaign; values: Awaited<ReturnType<CampaignService['checkInput']>> }[] = [];
    const refsSeen = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.regionCode}|${r.year}`;
      if (!loaded.has(key)) {
        const found = await this.campaigns.findForImport(r.regionCode!, r.year!);
        loaded.set(key, found ? { ...found, codes: await this.codesOf(found.campaign.id) } : null);
      }
      const c = loaded.get(key);
      if (!c) {
        errors.add(r.row, 'campaign_year', `no campaign of ${r.year} in region ${r.regionCode}`);
        continue;
      }
      if (!isInScope(ctx.actor, { regionCode: c.campaign.region_code })) {
        errors.add(r.row, 'campaign_region_code', OUT_OF_SCOPE);
        continue;
      }
      let orgId = r.orgId;
      if (orgId === null) {
        const ids = c.codes.get(r.orgCode ?? '') ?? [];
        if (ids.length !== 1) {
          errors.add(r.row, 'org_code', ids.length ? 'several objects have this code: give org_id' : 'no object of the campaign has this code');
          continue;
        }
        orgId = ids[0]!;
      }
      if (r.ref) {
        const dup = refsSeen.get(`${c.campaign.id}|${r.ref}`);
        if (dup) {
          errors.add(r.row, 'ref', `duplicates row ${dup}`);
          continue;
        }
        refsSeen.set(`${c.campaign.id}|${r.ref}`, r.row);
      }
      try {
        const values = await this.campaigns.checkInput(c.campaign, c.config, {
          orgId, channel: r.channel!, date: r.date!, level: r.level!,
          ...(r.method ? { method: r.method } : {}), ...(r.count !== null ? { count: r.count } : {}), ...(r.verified !== null ? { verified: r.verified } : {}),
          ...(r.note ? { note: r.note } : {}), ...(r.ref ? { ref: r.ref } : {}),
        }, '', c.objectIds);
        planned.push({ row: r.row, campaign: c.campaign, values });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const column = e.field === 'orgId' ? (r.orgId !== null ? 'org_id' : 'org_code') : e.field;
        errors.add(r.row, column, reasonOf(e));
      }
    }
    return {
      apply: async (trx) => {
        const counts = { inserted: 0, updated: 0, unchanged: 0 };
        for (const p of planned) {
          const inserted = await this.campaigns.insertImported(trx, p.values, ctx);
          if (inserted) counts.inserted++;
          else counts.unchanged++;
        }
        return counts;
      },
    };
  }

  private async codesOf(campaignId: number): Promise<Map<string, number[]>> {
    const codes = new Map<string, number[]>();
    for (const o of await this.campaigns.objectsForImport(campaignId)) if (o.code) codes.set(o.code, [...(codes.get(o.code) ?? []), o.org_id]);
    return codes;
  }
}
