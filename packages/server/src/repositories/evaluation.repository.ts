import { sql, type Insertable, type RawBuilder } from 'kysely';
import { withPolicyDefaults, type EvaluationPolicy } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { EvaluationTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

export const NATIONAL_REGION = '000000000000';

/** An instant as epoch milliseconds (float8; null stays null). */
const epochMs = (column: RawBuilder<unknown>) => sql`(extract(epoch from ${column}) * 1000)::float8`;

/**
 * A position in one of the default job's scans: the sort instant, as the database's text (a Date
 * keeps milliseconds, timestamptz microseconds), and the case id.
 */
export interface DefaultCursor {
  at: Date | string;
  id: number;
}

/** A case that may be due its default rating, with what decides when it is. */
export interface DefaultCandidate {
  id: number;
  region_code: string;
  accepted_at: Date | null;
  completed_at: Date;
  received_at: Date | null;
  /** The scan's sort instant (completed_at or updated_at) as text, for the next cursor. */
  cursor_at: string;
}

/** A default rating to insert: the rest of the row comes from the case. */
export interface DueDefault {
  caseId: number;
  level: number;
  bad: boolean;
  policyId: number;
  at: Date;
}

/** What an evaluation needs to know of its case (EvaluationRepository.caseContext). */
export interface CaseContext {
  id: number;
  case_no: string;
  item_id: number;
  unit_id: number;
  window_id: number | null;
  staff_id: number | null;
  region_code: string;
  org_path: string;
  channel: 'online' | 'offline';
  stage: string;
  accepted_at: Date | null;
  completed_at: Date | null;
  applicant_phone_bidx: string | null;
  applicant_name_enc: string | null;
  applicant_phone_enc: string | null;
  hall_id: number | null;
  received_at: Date | null;
}

/** Evaluations and the versioned policies they are made under. */
export class EvaluationRepository {
  constructor(private readonly db: Database) {}

  /** The latest policy version of the nearest of these regions (listed nearest first) that has one. */
  async currentPolicy(regionChain: string[], db: Executor = this.db): Promise<{ id: number; regionCode: string; version: number; policy: EvaluationPolicy }> {
    const rows = await db
      .selectFrom('evaluation_policies')
      .select(['id', 'region_code', 'version', 'policy'])
      .where('region_code', 'in', [...regionChain, NATIONAL_REGION])
      .orderBy('version', 'desc')
      .execute();
    for (const region of [...regionChain, NATIONAL_REGION]) {
      const hit = rows.find((r) => r.region_code === region);
      if (hit) return { id: hit.id, regionCode: hit.region_code, version: hit.version, policy: withPolicyDefaults(hit.policy) };
    }
    throw new Error('no national evaluation policy: the evaluations migration did not run');
  }

  policyById(id: number, db: Executor = this.db) {
    return db.selectFrom('evaluation_policies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  policyVersions(regionCode: string) {
    return this.db.selectFrom('evaluation_policies').selectAll().where('region_code', '=', regionCode).orderBy('version', 'desc').execute();
  }

  async insertPolicy(trx: Executor, regionCode: string, policy: EvaluationPolicy, note: string | null, userId: number | null): Promise<{ id: number; version: number }> {
    await sql`select pg_advisory_xact_lock(hashtext(${`policy:${regionCode}`}))`.execute(trx);
    const current = await trx.selectFrom('evaluation_policies').select((eb) => eb.fn.max('version').as('v')).where('region_code', '=', regionCode).executeTakeFirst();
    const version = Number(current?.v ?? 0) + 1;
    const row = await trx
      .insertInto('evaluation_policies')
      .values({ region_code: regionCode, version, policy: JSON.stringify(policy), note, created_by: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, version };
  }

  /** What an evaluation needs to know of its case: the objects it rates and when evaluation opens. */
  async caseContext(caseId: number, db: Executor = this.db): Promise<CaseContext | undefined> {
    return this.caseContextQuery(db).where('cases.id', '=', caseId).executeTakeFirst();
  }

  /** caseContext() of several cases in one query (a group of ratings written together). */
  caseContexts(caseIds: number[], db: Executor = this.db): Promise<CaseContext[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.caseContextQuery(db).where('cases.id', 'in', caseIds).execute();
  }

  private caseContextQuery(db: Executor) {
    return db
      .selectFrom('cases')
      .leftJoin('organisations as w', 'w.id', 'cases.window_id')
      .leftJoin('organisations as h', (j) => j.onRef('h.id', '=', 'w.parent_id').on('h.kind', '=', 'hall'))
      .select([
        'cases.id', 'cases.case_no', 'cases.item_id', 'cases.unit_id', 'cases.window_id', 'cases.staff_id', 'cases.region_code',
        'cases.org_path', 'cases.channel', 'cases.stage', 'cases.accepted_at', 'cases.completed_at', 'cases.applicant_phone_bidx',
        'cases.applicant_name_enc', 'cases.applicant_phone_enc', 'h.id as hall_id',
        (eb) => eb.selectFrom('case_stages').select('occurred_at').whereRef('case_stages.case_id', '=', 'cases.id').where('stage', '=', 'received').as('received_at'),
      ]);
  }

  rounds(caseId: number, visitNo: number, db: Executor = this.db) {
    return db.selectFrom('evaluations').select(['id', 'round', 'kind']).where('case_id', '=', caseId).where('visit_no', '=', visitNo).orderBy('round').execute();
  }

  /** The evaluations of several cases (every visit), for a group of ratings written together. */
  roundsOfCases(caseIds: number[], db: Executor = this.db) {
    if (caseIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('evaluations').select(['id', 'case_id', 'visit_no', 'round', 'kind']).where('case_id', 'in', caseIds).orderBy('round').execute();
  }

  findByIdempotencyKeys(keys: string[], db: Executor = this.db) {
    if (keys.length === 0) return Promise.resolve([]);
    return db.selectFrom('evaluations').selectAll().where('idempotency_key', 'in', keys).execute();
  }

  findByIdempotencyKey(key: string, db: Executor = this.db) {
    return db.selectFrom('evaluations').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Inserts unless the (case, visit, round) slot is taken; returns undefined when it is, which is how
   * a second submission arriving at the same instant through another channel is told apart.
   */
  async insert(trx: Executor, values: Insertable<EvaluationTable>): Promise<{ id: number } | undefined> {
    return trx
      .insertInto('evaluations')
      .values(values)
      .onConflict((oc) => oc.columns(['case_id', 'visit_no', 'round']).doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  /**
   * Points a rating at the revisit rating that became the case's latest evaluation (回访): it stays
   * stored as history. False when it was superseded already (by a concurrent revisit).
   */
  async markSuperseded(trx: Executor, id: number, by: number): Promise<boolean> {
    const r = await trx.updateTable('evaluations').set({ superseded_by: by }).where('id', '=', id).where('superseded_by', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * insert() of a group of ratings in one statement (in case order, so two instances never deadlock):
   * the ids of those inserted, by "case_id:visit_no"; a rating whose slot was taken is missing.
   */
  async insertMany(trx: Executor, rows: (Insertable<EvaluationTable> & { case_id: number; visit_no: number })[]): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    const inserted = await trx
      .insertInto('evaluations')
      .values([...rows].sort((a, b) => a.case_id - b.case_id))
      .onConflict((oc) => oc.columns(['case_id', 'visit_no', 'round']).doNothing())
      .returning(['id', 'case_id', 'visit_no'])
      .execute();
    return new Map(inserted.map((r) => [`${r.case_id}:${r.visit_no}`, r.id]));
  }

  /** Changes whenever a policy version is saved anywhere (versions are never changed or removed). */
  async policyStamp(db: Executor = this.db): Promise<number> {
    const row = await db.selectFrom('evaluation_policies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A region's own versions, newest first, with the author's username. */
  policyHistory(regionCode: string) {
    return this.db
      .selectFrom('evaluation_policies as p')
      .leftJoin('users as u', 'u.id', 'p.created_by')
      .select(['p.id', 'p.version', 'p.policy', 'p.note', 'p.created_at', 'u.username as author'])
      .where('p.region_code', '=', regionCode)
      .orderBy('p.version', 'desc')
      .execute();
  }

  /** The latest version of every region that has one: what the default job may apply anywhere. */
  async latestPolicies(): Promise<{ regionCode: string; policy: EvaluationPolicy }[]> {
    const rows = await this.db
      .selectFrom('evaluation_policies as p')
      .select(['p.region_code', 'p.policy'])
      .where('p.version', '=', (eb) => eb.selectFrom('evaluation_policies as q').select((e) => e.fn.max('q.version').as('v')).whereRef('q.region_code', '=', 'p.region_code'))
      .execute();
    return rows.map((r) => ({ regionCode: r.region_code, policy: withPolicyDefaults(r.policy) }));
  }

  /**
   * Completed cases without a first evaluation of their first visit: candidates for the default
   * rating (默认评价), in (completed_at, id) order after `after`, completed no later than
   * `completedBy`. The exact working-day check is the caller's; this narrows the rows by index.
   */
  defaultCandidatesCompleted(after: DefaultCursor, completedBy: Date, limit: number, withReceived: boolean): Promise<DefaultCandidate[]> {
    const at = sql`${after.at}::timestamptz`;
    return this.defaultCandidates(sql`c.completed_at >= ${at} and (c.completed_at, c.id) > (${at}, ${after.id}) and c.completed_at <= ${completedBy}`, sql`c.completed_at`, limit, withReceived);
  }

  /**
   * The same among cases changed since `since` and completed no later than `completedThrough`
   * (cases pushed late, or given their stages after the job had passed their date), in
   * (updated_at, id) order after `after`.
   */
  defaultCandidatesChanged(since: Date, after: DefaultCursor, completedThrough: Date, limit: number, withReceived: boolean): Promise<DefaultCandidate[]> {
    const at = sql`${after.at}::timestamptz`;
    return this.defaultCandidates(
      sql`c.updated_at > ${since} and c.updated_at >= ${at} and (c.updated_at, c.id) > (${at}, ${after.id}) and c.completed_at <= ${completedThrough}`,
      sql`c.updated_at`, limit, withReceived,
    );
  }

  /** `sortedBy` is the scan's instant column; rows come in (sortedBy, id) order. */
  private async defaultCandidates(where: RawBuilder<unknown>, sortedBy: RawBuilder<unknown>, limit: number, withReceived: boolean): Promise<DefaultCandidate[]> {
    const received = withReceived ? sql`(select ${epochMs(sql`s.occurred_at`)} from case_stages s where s.case_id = c.id and s.stage = 'received')` : sql`null::float8`;
    // Instants as epoch milliseconds: a million of them parse in a fraction of the time timestamps take.
    const rows = await sql<{ id: number; region_code: string; accepted_ms: number | null; completed_ms: number; received_ms: number | null; cursor_at: string }>`
      select c.id, c.region_code, ${epochMs(sql`c.accepted_at`)} as accepted_ms, ${epochMs(sql`c.completed_at`)} as completed_ms,
             ${received} as received_ms, ${sortedBy}::text as cursor_at
      from cases c
      where c.completed_at is not null and ${where}
        -- One probe of the (case, visit, round) index per case: "offset 0" keeps the planner from turning
        -- this into a join it may cost on stale statistics (evaluations grows while the job runs).
        and not exists (select 1 from evaluations e where e.case_id = c.id and e.visit_no = 1 and e.round = 1 offset 0)
      order by ${sortedBy}, c.id
      limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({
      id: r.id,
      region_code: r.region_code,
      accepted_at: r.accepted_ms === null ? null : new Date(r.accepted_ms),
      completed_at: new Date(r.completed_ms),
      received_at: r.received_ms === null ? null : new Date(r.received_ms),
      cursor_at: r.cursor_at,
    }));
  }

  /**
   * Inserts the default ratings of these cases in one statement, taking the rated objects from each
   * case, and skipping every case whose first slot was taken meanwhile (by an active rating or by
   * another instance running the same job). Rows go in case order, so two instances inserting
   * overlapping batches wait for each other instead of deadlocking.
   */
  async insertDefaults(trx: Executor, due: DueDefault[]): Promise<{ id: number; case_id: number }[]> {
    if (due.length === 0) return [];
    const rows = await sql<{ id: number; case_id: number }>`
      insert into evaluations (case_id, visit_no, round, kind, level, bad, channel, policy_id, real_name, scores,
                               item_id, unit_id, window_id, hall_id, staff_id, region_code, org_path, submitted_at)
      select c.id, 1, 1, 'default', d.level, d.bad, 'default', d.policy_id, false, '{}',
             c.item_id, c.unit_id, c.window_id, h.id, c.staff_id, c.region_code, c.org_path, to_timestamp(d.at_ms / 1000)
      from unnest(${due.map((d) => d.caseId)}::bigint[], ${due.map((d) => d.level)}::smallint[], ${due.map((d) => d.bad)}::boolean[],
                  ${due.map((d) => d.policyId)}::integer[], ${due.map((d) => d.at.getTime())}::float8[]) as d(case_id, level, bad, policy_id, at_ms)
      join cases c on c.id = d.case_id
      left join organisations w on w.id = c.window_id
      left join organisations h on h.id = w.parent_id and h.kind = 'hall'
      order by c.id
      on conflict (case_id, visit_no, round) do nothing
      returning id, case_id`.execute(trx);
    return rows.rows;
  }

  /** Where the default job named `name` has got to. */
  defaultWatermark(name: string) {
    return this.db.selectFrom('evaluation_default_watermarks').select(['completed_through', 'run_started_at']).where('name', '=', name).executeTakeFirst();
  }

  async saveDefaultWatermark(name: string, completedThrough: Date, runStartedAt: Date): Promise<void> {
    await this.db
      .insertInto('evaluation_default_watermarks')
      .values({ name, completed_through: completedThrough, run_started_at: runStartedAt })
      .onConflict((oc) => oc.column('name').doUpdateSet({ completed_through: completedThrough, run_started_at: runStartedAt, updated_at: new Date() }))
      .execute();
  }
}
