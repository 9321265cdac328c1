import { regionPrefix, type CampaignObjectGroup } from '@hcp/domain';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { CampaignConfigTable, CampaignInputTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

/** One tally row: how many results of a level an object got on a channel. */
export interface TallyRow {
  org_id: number;
  channel: string;
  level: number;
  n: number;
}

/**
 * Whether a rated record belongs to a campaign object `o`: a unit object owns the records of its
 * organisation subtree (the case's unit path); the center, a hall or a township center owns the
 * records of the windows in its subtree (`w` is the record's window).
 */
const belongsToObject = sql`((o.kind = 'unit' and x.org_path like o.path || '%') or (o.kind <> 'unit' and w.path like o.path || '%'))`;

/** Campaigns (群众评议), their scoring-rule versions, objects and entered results, and the tallies that score them. */
export class CampaignRepository {
  constructor(private readonly db: Database) {}

  async insert(trx: Executor, row: { region_code: string; year: number; name: string; created_by: number | null }) {
    return trx.insertInto('campaigns').values(row).onConflict((oc) => oc.columns(['region_code', 'year']).doNothing()).returningAll().executeTakeFirst();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByRegionYear(regionCode: string, year: number) {
    return this.db.selectFrom('campaigns').selectAll().where('region_code', '=', regionCode).where('year', '=', year).executeTakeFirst();
  }

  list(scope: DataScope & { orgPaths?: string[] }, f: { year?: number; limit: number; offset: number }) {
    let q = this.db.selectFrom('campaigns').selectAll().where(scopeCondition(scope, 'region_code', null)).orderBy('year', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset);
    if (f.year) q = q.where('year', '=', f.year);
    return q.execute();
  }

  async insertConfig(trx: Executor, row: Insertable<CampaignConfigTable>) {
    return trx.insertInto('campaign_configs').values(row).returningAll().executeTakeFirstOrThrow();
  }

  currentConfig(campaignId: number, db: Executor = this.db) {
    return db.selectFrom('campaign_configs').selectAll().where('campaign_id', '=', campaignId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  configVersions(campaignId: number) {
    return this.db.selectFrom('campaign_configs').selectAll().where('campaign_id', '=', campaignId).orderBy('version', 'desc').execute();
  }

  /** Sets the objects exactly; their results stay stored and count again if an object comes back. */
  async replaceObjects(trx: Executor, campaignId: number, objects: { orgId: number; group: CampaignObjectGroup }[]): Promise<void> {
    await trx.deleteFrom('campaign_objects').where('campaign_id', '=', campaignId).execute();
    if (objects.length === 0) return;
    await trx.insertInto('campaign_objects').values(objects.map((o, i) => ({ campaign_id: campaignId, org_id: o.orgId, object_group: o.group, position: i + 1 }))).execute();
  }

  objects(campaignId: number, db: Executor = this.db) {
    return db
      .selectFrom('campaign_objects as co')
      .innerJoin('organisations as o', 'o.id', 'co.org_id')
      .select(['co.org_id', 'co.object_group', 'co.position', 'o.name', 'o.code', 'o.kind', 'o.path', 'o.region_code'])
      .where('co.campaign_id', '=', campaignId)
      .orderBy('co.position')
      .execute();
  }

  /** Inserts a result; with a `ref` already stored for the campaign nothing is written and undefined returned. */
  async insertInput(trx: Executor, row: Insertable<CampaignInputTable>) {
    let q = trx.insertInto('campaign_inputs').values(row);
    if (row.ref) q = q.onConflict((oc) => oc.columns(['campaign_id', 'ref']).doNothing());
    return q.returningAll().executeTakeFirst();
  }

  findInputByRef(campaignId: number, ref: string, db: Executor = this.db) {
    return db.selectFrom('campaign_inputs').selectAll().where('campaign_id', '=', campaignId).where('ref', '=', ref).executeTakeFirst();
  }

  inputRefs(campaignId: number, refs: string[]) {
    if (refs.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('campaign_inputs').select(['ref']).where('campaign_id', '=', campaignId).where('ref', 'in', refs).execute();
  }

  listInputs(campaignId: number, f: { orgId?: number; channel?: string; from?: string; to?: string; limit: number; offset: number }) {
    let q = this.db.selectFrom('campaign_inputs').selectAll().where('campaign_id', '=', campaignId).orderBy('occurred_on', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset);
    if (f.orgId) q = q.where('org_id', '=', f.orgId);
    if (f.channel) q = q.where('channel', '=', f.channel as CampaignInputTable['channel']);
    if (f.from) q = q.where('occurred_on', '>=', f.from);
    if (f.to) q = q.where('occurred_on', '<', f.to);
    return q.execute();
  }

  /**
   * Counted ratings of each object by rating channel and level in [from, to): not excluded by an
   * upheld appeal, not superseded by a revisit (each case's current rating, as in the statistics).
   */
  async ratingTallies(campaignId: number, regionCode: string, from: Date, to: Date, kinds: ('active' | 'default')[]): Promise<TallyRow[]> {
    const r = await sql<TallyRow>`
      select co.org_id, x.channel, x.level, count(*)::int as n
      from campaign_objects co
      join organisations o on o.id = co.org_id
      join evaluations x on x.region_code like ${regionPrefix(regionCode) + '%'} and x.submitted_at >= ${from} and x.submitted_at < ${to}
      left join organisations w on w.id = x.window_id
      where co.campaign_id = ${campaignId} and x.excluded_as is null and x.superseded_by is null
        and x.kind in (${sql.join(kinds)}) and ${belongsToObject}
      group by co.org_id, x.channel, x.level`.execute(this.db);
    return r.rows;
  }

  /** Answered 监督查评 calls (reached, with a satisfaction) of each object, by the day they were answered. */
  async revisitTallies(campaignId: number, regionCode: string, from: Date, to: Date): Promise<TallyRow[]> {
    const r = await sql<TallyRow>`
      select co.org_id, 'revisit' as channel, x.satisfaction as level, count(*)::int as n
      from campaign_objects co
      join organisations o on o.id = co.org_id
      join revisit_tasks x on x.region_code like ${regionPrefix(regionCode) + '%'} and x.status = 'reached'
        and x.answered_at >= ${from} and x.answered_at < ${to}
      left join organisations w on w.id = x.window_id
      where co.campaign_id = ${campaignId} and ${belongsToObject}
      group by co.org_id, x.satisfaction`.execute(this.db);
    return r.rows;
  }

  /** Entered and imported results of each object in [from, to) (Beijing dates), verified or not. */
  async inputTallies(campaignId: number, from: string, to: string) {
    return this.db
      .selectFrom('campaign_inputs')
      .select(['org_id', 'channel', 'level', 'verified', (eb) => eb.fn.sum<number>('count').as('n')])
      .where('campaign_id', '=', campaignId)
      .where('occurred_on', '>=', from)
      .where('occurred_on', '<', to)
      .groupBy(['org_id', 'channel', 'level', 'verified'])
      .execute();
  }
}
