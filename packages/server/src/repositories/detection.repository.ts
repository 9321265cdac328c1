import type { DetectorName, Level } from '@hcp/domain';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RatingFlagStatus, RatingFlagTable } from '../db/schema.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

const WATERMARK = 'ratings';

/** The device request a device rating came through, from its source_ref "device-request:<id>". */
const deviceRequestId = sql<number | null>`case when e.source_ref ~ '^device-request:[0-9]{1,18}$' then substring(e.source_ref from 16)::bigint end`;

/**
 * What the detectors know of a rating: where it is (unit, window, staff), when and how it came, from
 * which device, address or phone (keyed hashes and blind indexes only), and when the device was asked.
 */
export interface RatingFact {
  id: number;
  kind: 'active' | 'default';
  case_id: number;
  unit_id: number;
  window_id: number | null;
  staff_id: number | null;
  region_code: string;
  org_path: string;
  channel: string;
  level: number;
  text: string | null;
  submitted_at: Date;
  created_at: Date;
  device_id: number | null;
  client_ip_hash: string | null;
  /** Blind indexes of the evaluator's phone and ID number: real-name ratings only (the applicant's). */
  evaluator_phone_bidx: string | null;
  evaluator_id_bidx: string | null;
  /** When the clerk asked the device to show the rating screen (device ratings). */
  invited_at: Date | null;
}

/** A rating with the facts the detectors use; every context query starts here. */
function facts(db: Executor) {
  return db
    .selectFrom('evaluations as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select([
      'e.id', 'e.kind', 'e.case_id', 'e.unit_id', 'e.window_id', 'e.staff_id', 'e.region_code', 'e.org_path', 'e.channel', 'e.level', 'e.text',
      'e.submitted_at', 'e.created_at', 'e.client_ip_hash', 'e.evaluator_phone_bidx',
      sql<string | null>`case when e.real_name then c.applicant_id_bidx end`.as('evaluator_id_bidx'),
      sql<number | null>`coalesce(e.device_id, (select r.device_id from device_requests r where r.id = ${deviceRequestId}))`.as('device_id'),
      sql<Date | null>`(select r.created_at from device_requests r where r.id = ${deviceRequestId})`.as('invited_at'),
    ]);
}

export type SourceColumn = 'device_id' | 'client_ip_hash' | 'evaluator_phone_bidx';

export interface FlagListFilter {
  status?: RatingFlagStatus;
  detector?: DetectorName;
  unitId?: number;
  limit: number;
  offset: number;
}

/** Detection of manipulated ratings: its watermark, the facts it reads, the flags and their review. */
export class DetectionRepository {
  constructor(private readonly db: Database) {}

  /** The id of the last rating the scan has looked at. */
  async scannedTo(): Promise<number> {
    const row = await this.db.selectFrom('detection_watermarks').select('scanned_to_id').where('name', '=', WATERMARK).executeTakeFirst();
    return row?.scanned_to_id ?? 0;
  }

  /**
   * Moves the watermark from `from` to `to` only if it still stands at `from`: of two scans that read
   * the same batch, one writes its flags, the other finds the watermark moved and writes nothing.
   */
  async advance(trx: Executor, from: number, to: number): Promise<boolean> {
    const r = await trx.updateTable('detection_watermarks').set({ scanned_to_id: to, updated_at: sql`now()` }).where('name', '=', WATERMARK).where('scanned_to_id', '=', from).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The next ratings after the watermark, in id order (default ratings included: the watermark passes them). */
  batch(afterId: number, limit: number): Promise<RatingFact[]> {
    return facts(this.db).where('e.id', '>', afterId).orderBy('e.id').limit(limit).execute();
  }

  /** Active ratings sharing a device, address or phone with the batch, submitted within [from, to]. */
  bySource(column: SourceColumn, keys: readonly (string | number)[], from: Date, to: Date): Promise<RatingFact[]> {
    if (keys.length === 0) return Promise.resolve([]);
    // Through evaluations_device_idx, evaluations_client_ip_idx or evaluations_evaluator_phone_idx.
    return facts(this.db)
      .where('e.kind', '=', 'active')
      .where(`e.${column}`, 'in', [...keys] as never[])
      .where('e.submitted_at', '>=', from)
      .where('e.submitted_at', '<=', to)
      .execute();
  }

  /** Active device ratings of these staff members within [from, to]. */
  deviceRatingsOfStaff(staffIds: readonly number[], from: Date, to: Date): Promise<RatingFact[]> {
    if (staffIds.length === 0) return Promise.resolve([]);
    return facts(this.db)
      .where('e.kind', '=', 'active')
      .where('e.channel', '=', 'device')
      .where('e.staff_id', 'in', [...staffIds])
      .where('e.submitted_at', '>=', from)
      .where('e.submitted_at', '<=', to)
      .execute();
  }

  /** Staff whose registered phone or ID number (blind indexes) is one of these. */
  staffIdentities(phoneBidxs: readonly string[], idBidxs: readonly string[]) {
    if (phoneBidxs.length === 0 && idBidxs.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('staff')
      .select(['id', 'phone_bidx', 'id_bidx'])
      .where((eb) => eb.or([
        ...(phoneBidxs.length ? [eb('phone_bidx', 'in', [...phoneBidxs])] : []),
        ...(idBidxs.length ? [eb('id_bidx', 'in', [...idBidxs])] : []),
      ]))
      .execute();
  }

  /** Keeps the fingerprint of each rating's normalised text (a rescan writes nothing twice). */
  async insertPrints(rows: readonly { evaluation_id: number; fingerprint: string; submitted_at: Date }[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db.insertInto('rating_text_prints').values(rows.slice(i, i + 500)).onConflict((oc) => oc.column('evaluation_id').doNothing()).execute();
    }
  }

  /** Active ratings whose text has one of these fingerprints, submitted within [from, to]. */
  byFingerprints(fingerprints: readonly string[], from: Date, to: Date): Promise<RatingFact[]> {
    if (fingerprints.length === 0) return Promise.resolve([]);
    return facts(this.db)
      .innerJoin('rating_text_prints as p', 'p.evaluation_id', 'e.id')
      .where('p.fingerprint', 'in', [...fingerprints])
      .where('p.submitted_at', '>=', from)
      .where('p.submitted_at', '<=', to)
      .where('e.kind', '=', 'active')
      .execute();
  }

  /** Counted active ratings (not excluded by an appeal) per window and level within [from, to]. */
  windowLevelCounts(windowIds: readonly number[], from: Date, to: Date) {
    if (windowIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('evaluations')
      .select(['window_id', 'level', sql<number>`count(*)`.as('n')])
      .where('window_id', 'in', [...windowIds])
      .where('kind', '=', 'active')
      .where('excluded_as', 'is', null)
      .where('submitted_at', '>=', from)
      .where('submitted_at', '<=', to)
      .groupBy(['window_id', 'level'])
      .execute() as Promise<{ window_id: number; level: number; n: number }[]>;
  }

  /** The same per level for a whole county (the first six digits of the region code). */
  countyLevelCounts(county: string, from: Date, to: Date) {
    return this.db
      .selectFrom('evaluations')
      .select(['level', sql<number>`count(*)`.as('n')])
      .where('region_code', '>=', `${county}000000`)
      .where('region_code', '<=', `${county}999999`)
      .where('kind', '=', 'active')
      .where('excluded_as', 'is', null)
      .where('submitted_at', '>=', from)
      .where('submitted_at', '<=', to)
      .groupBy('level')
      .execute();
  }

  /** A window's counted active ratings at one level within [from, to]. */
  atLevel(windowId: number, level: Level, from: Date, to: Date): Promise<RatingFact[]> {
    return facts(this.db)
      .where('e.window_id', '=', windowId)
      .where('e.level', '=', level)
      .where('e.kind', '=', 'active')
      .where('e.excluded_as', 'is', null)
      .where('e.submitted_at', '>=', from)
      .where('e.submitted_at', '<=', to)
      .execute();
  }

  /** The flag of a detector, subject and unit still waiting for review, locked for this transaction. */
  pendingFlag(trx: Executor, detector: DetectorName, subject: string, unitId: number) {
    return trx
      .selectFrom('rating_flags')
      .selectAll()
      .where('detector', '=', detector)
      .where('subject', '=', subject)
      .where('unit_id', '=', unitId)
      .where('status', '=', 'pending')
      .forUpdate()
      .executeTakeFirst();
  }

  /** Which of these ratings some flag of this detector holds already (pending or reviewed). */
  async linked(trx: Executor, detector: DetectorName, ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await trx.selectFrom('rating_flag_items').select('evaluation_id').where('detector', '=', detector).where('evaluation_id', 'in', [...ids]).execute();
    return new Set(rows.map((r) => r.evaluation_id));
  }

  async insertFlag(trx: Executor, row: Insertable<RatingFlagTable>): Promise<number> {
    const { id } = await trx.insertInto('rating_flags').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  /** Links ratings to a flag; a rating some flag of the detector holds already is skipped. Answers those linked. */
  async link(trx: Executor, flagId: number, detector: DetectorName, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await trx
      .insertInto('rating_flag_items')
      .values(ids.map((evaluation_id) => ({ flag_id: flagId, detector, evaluation_id })))
      .onConflict((oc) => oc.columns(['detector', 'evaluation_id']).doNothing())
      .returning('evaluation_id')
      .execute();
    return rows.map((r) => r.evaluation_id);
  }

  /** A pending flag that gained ratings: the count and time span grow, the score and reason are the latest. */
  async grow(trx: Executor, id: number, g: { added: number; firstAt: Date; lastAt: Date; score: number; reason: string; evidence: string }): Promise<void> {
    await trx
      .updateTable('rating_flags')
      .set({
        rating_count: sql`rating_count + ${g.added}`,
        first_at: sql`least(first_at, ${g.firstAt})`,
        last_at: sql`greatest(last_at, ${g.lastAt})`,
        score: sql`greatest(score, ${g.score})`,
        reason: g.reason,
        evidence: g.evidence,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
  }

  list(scope: DataScope & { orgPaths?: string[] }, f: FlagListFilter) {
    let q = this.db
      .selectFrom('rating_flags as f')
      .innerJoin('organisations as u', 'u.id', 'f.unit_id')
      .selectAll('f')
      .select('u.name as unit_name')
      .where(scopeCondition(scope, 'f.region_code', 'f.org_path'))
      .orderBy('f.id', 'desc')
      .limit(f.limit)
      .offset(f.offset);
    if (f.status) q = q.where('f.status', '=', f.status);
    if (f.detector) q = q.where('f.detector', '=', f.detector);
    if (f.unitId !== undefined) q = q.where('f.unit_id', '=', f.unitId);
    return q.execute();
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('rating_flags as f').innerJoin('organisations as u', 'u.id', 'f.unit_id').selectAll('f').select('u.name as unit_name').where('f.id', '=', id).executeTakeFirst();
  }

  /** The ratings of a flag as a reviewer sees them: never who gave them. */
  ratingsOf(flagId: number) {
    return this.db
      .selectFrom('rating_flag_items as i')
      .innerJoin('evaluations as e', 'e.id', 'i.evaluation_id')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .select(['e.id', 'e.case_id', 'c.case_no', 'e.level', 'e.channel', 'e.text', 'e.tags', 'e.submitted_at', 'e.window_id', 'e.staff_id', 'e.real_name', 'e.excluded_as'])
      .where('i.flag_id', '=', flagId)
      .orderBy('e.submitted_at')
      .orderBy('e.id')
      .execute();
  }

  /** Records the review of a flag still pending; undefined when it was reviewed meanwhile. */
  review(trx: Executor, id: number, r: { status: Exclude<RatingFlagStatus, 'pending'>; by: number | null; at: Date; reason: string }) {
    return trx
      .updateTable('rating_flags')
      .set({ status: r.status, reviewed_by: r.by, reviewed_at: r.at, review_reason: r.reason, updated_at: r.at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
  }
}
