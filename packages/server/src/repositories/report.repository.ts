import { regionPrefix } from '@hcp/domain';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Report, ReportStatus, ReportTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

export interface ReportFileRow {
  format: 'xlsx' | 'pdf';
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/** A bad rating of the period with the state of its work order, as a report lists it. */
export interface BadRatingRow {
  evaluation_id: number;
  submitted_at: Date;
  level: number;
  channel: string;
  tags: string[];
  case_no: string;
  unit_id: number;
  unit_name: string;
  excluded_as: string | null;
  order_id: number | null;
  state: string | null;
  decision: string | null;
  red_card_at: Date | null;
  closed_at: Date | null;
  /** How many bad ratings the period has in all, whatever the limit. */
  total_count: number;
}

/** Reports (通报): their status rows and, once generated, their files. */
export class ReportRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a pending report; undefined when the region already has one for the period. */
  insertPending(trx: Executor, row: Insertable<ReportTable>) {
    return trx.insertInto('reports').values(row).onConflict((oc) => oc.columns(['region_code', 'period_kind', 'period_key']).doNothing()).returningAll().executeTakeFirst();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByPeriod(regionCode: string, kind: 'month' | 'quarter', key: string, db: Executor = this.db) {
    return db.selectFrom('reports').selectAll().where('region_code', '=', regionCode).where('period_kind', '=', kind).where('period_key', '=', key).executeTakeFirst();
  }

  list(scope: DataScope & { orgPaths?: string[] }, f: { regionCode?: string; periodKind?: 'month' | 'quarter'; status?: ReportStatus; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('reports')
      .select(['id', 'region_code', 'period_kind', 'period_key', 'period_from', 'period_to', 'status', 'attempts', 'error', 'formula_version', 'trigger', 'requested_by', 'created_at', 'updated_at', 'generated_at'])
      .where(scopeCondition(scope, 'region_code', null))
      .orderBy('period_from', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset);
    if (f.regionCode) q = q.where('region_code', '=', f.regionCode);
    if (f.periodKind) q = q.where('period_kind', '=', f.periodKind);
    if (f.status) q = q.where('status', '=', f.status);
    return q.execute();
  }

  /** Puts a report back in the queue (a regeneration); the files it has stay until new ones replace them. */
  requeue(trx: Executor, id: number, by: { trigger: 'schedule' | 'on_demand'; requestedBy: number | null }) {
    return trx
      .updateTable('reports')
      .set({ status: 'pending', attempts: 0, error: null, trigger: by.trigger, requested_by: by.requestedBy, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Records a failed attempt: 'retrying' while the job has attempts left, 'failed' when it gave up. */
  async markFailed(id: number, status: 'retrying' | 'failed', attempts: number, error: string): Promise<void> {
    await this.db.updateTable('reports').set({ status, attempts, error: error.slice(0, 2000), updated_at: new Date() }).where('id', '=', id).execute();
  }

  /** Marks the report ready with its figures and replaces its files: called in one transaction, all or nothing. */
  async saveReady(trx: Executor, id: number, r: { figures: Record<string, unknown>; formulaVersion: number; attempts: number; files: ReportFileRow[]; at: Date }): Promise<Report> {
    await trx.deleteFrom('report_files').where('report_id', '=', id).execute();
    for (const f of r.files) await trx.insertInto('report_files').values({ report_id: id, format: f.format, content_type: f.contentType, bytes: f.bytes, sha256: f.sha256 }).execute();
    return trx
      .updateTable('reports')
      .set({ status: 'ready', figures: JSON.stringify(r.figures), formula_version: r.formulaVersion, attempts: r.attempts, error: null, generated_at: r.at, updated_at: r.at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  file(id: number, format: 'xlsx' | 'pdf') {
    return this.db.selectFrom('report_files').selectAll().where('report_id', '=', id).where('format', '=', format).executeTakeFirst();
  }

  async fileFormats(id: number): Promise<{ format: 'xlsx' | 'pdf'; size: number; sha256: string }[]> {
    const rows = await this.db.selectFrom('report_files').select(['format', 'sha256', sql<number>`octet_length(bytes)`.as('size')]).where('report_id', '=', id).orderBy('format').execute();
    return rows.map((r) => ({ format: r.format, sha256: r.sha256, size: Number(r.size) }));
  }

  /** The regions whose ratings of [from, to) lie in them: the codes of rated cases, to find the regions above. */
  async ratedRegionCodes(from: Date, to: Date): Promise<string[]> {
    const rows = await this.db.selectFrom('evaluations').select('region_code').distinct().where('submitted_at', '>=', from).where('submitted_at', '<', to).execute();
    return rows.map((r) => r.region_code);
  }

  async regionsWithReport(kind: 'month' | 'quarter', key: string): Promise<string[]> {
    const rows = await this.db.selectFrom('reports').select('region_code').where('period_kind', '=', kind).where('period_key', '=', key).execute();
    return rows.map((r) => r.region_code);
  }

  existingRegions(codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('regions').select(['code', 'name', 'level']).where('code', 'in', codes).execute();
  }

  /**
   * The bad ratings given in [from, to) in the region, newest first, with their work order: the
   * rating as given (also when a revisit superseded it later or an appeal excluded it, which is shown).
   */
  async badRatings(regionCode: string, from: Date, to: Date, limit: number): Promise<BadRatingRow[]> {
    const r = await sql<BadRatingRow>`
      select e.id as evaluation_id, e.submitted_at, e.level, e.channel, e.tags, c.case_no, e.unit_id, u.name as unit_name, e.excluded_as,
        o.id as order_id, o.state, o.decision, o.red_card_at, o.closed_at, count(*) over () as total_count
      from evaluations e
      join cases c on c.id = e.case_id
      join organisations u on u.id = e.unit_id
      left join work_orders o on o.evaluation_id = e.id
      where e.region_code like ${regionPrefix(regionCode) + '%'} and e.submitted_at >= ${from} and e.submitted_at < ${to}
        and e.bad and e.kind = 'active'
      order by e.submitted_at desc, e.id desc
      limit ${limit}`.execute(this.db);
    return r.rows;
  }
}
