import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PublicOtpTable, SignedLinkUseTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

/**
 * What the public channels keep besides sessions: windows by their QR key, the cases a person may
 * find at a window, one-time codes, used signatures of portal links and hourly rate counters.
 */
export class PublicChannelRepository {
  constructor(private readonly db: Database) {}

  /** An active window by its public QR key, with its hall (or station, center) and region. */
  windowByPublicKey(key: string) {
    return this.db
      .selectFrom('organisations as w')
      .leftJoin('organisations as h', 'h.id', 'w.parent_id')
      .leftJoin('regions as r', 'r.code', 'w.region_code')
      .select(['w.id', 'w.name', 'w.region_code', 'w.path', 'w.public_key', 'h.name as hall_name', 'r.name as region_name'])
      .where('w.public_key', '=', key)
      .where('w.kind', '=', 'window')
      .where('w.active', '=', true)
      .executeTakeFirst();
  }

  /** The distinct units whose active staff serve at a window (a window has no unit of its own in the tree). */
  async unitNamesAtWindow(windowId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('staff_windows as sw')
      .innerJoin('staff as s', 's.id', 'sw.staff_id')
      .innerJoin('organisations as u', 'u.id', 's.org_id')
      .select('u.name')
      .distinct()
      .where('sw.window_id', '=', windowId)
      .where('s.active', '=', true)
      .orderBy('u.name')
      .execute();
    return rows.map((r) => r.name);
  }

  private casesAtWindow(windowId: number, completedSince: Date) {
    return this.db
      .selectFrom('cases as c')
      .innerJoin('service_items as i', 'i.id', 'c.item_id')
      .where('c.window_id', '=', windowId)
      .where('c.completed_at', '>=', completedSince);
  }

  /** Whether a phone (by blind index) has a case completed at the window since then. */
  async hasCaseAtWindow(windowId: number, phoneBidx: string, completedSince: Date): Promise<boolean> {
    const row = await this.casesAtWindow(windowId, completedSince).select('c.id').where('c.applicant_phone_bidx', '=', phoneBidx).limit(1).executeTakeFirst();
    return !!row;
  }

  /** A phone's cases completed at the window since then, newest first. */
  casesByPhoneAtWindow(windowId: number, phoneBidx: string, completedSince: Date, limit: number) {
    return this.casesAtWindow(windowId, completedSince)
      .select(['c.id', 'c.case_no', 'c.completed_at', 'i.name as item_name'])
      .where('c.applicant_phone_bidx', '=', phoneBidx)
      .orderBy('c.completed_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** One case by its number, completed at the window since then, with the applicant's encrypted name. */
  caseByNoAtWindow(windowId: number, caseNo: string, completedSince: Date) {
    return this.casesAtWindow(windowId, completedSince)
      .select(['c.id', 'c.case_no', 'c.completed_at', 'c.applicant_name_enc', 'i.name as item_name'])
      .where('c.case_no', '=', caseNo)
      .executeTakeFirst();
  }

  /** A new code for (window, phone); every earlier unused one stops working, so only one can be guessed at. */
  async insertOtp(trx: Executor, values: Insertable<PublicOtpTable>, now: Date): Promise<number> {
    await trx.updateTable('public_otps').set({ used_at: now }).where('window_id', '=', values.window_id).where('phone_bidx', '=', values.phone_bidx).where('used_at', 'is', null).execute();
    const row = await trx.insertInto('public_otps').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  latestOtp(windowId: number, phoneBidx: string) {
    return this.db
      .selectFrom('public_otps')
      .selectAll()
      .where('window_id', '=', windowId)
      .where('phone_bidx', '=', phoneBidx)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * Counts one try against a code before it is compared, in one statement, so parallel guesses
   * cannot exceed the limit. Undefined when the code is used up or locked.
   */
  async spendOtpAttempt(id: number): Promise<number | undefined> {
    const row = await this.db
      .updateTable('public_otps')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts;
  }

  async markOtpUsed(trx: Executor, id: number, now: Date): Promise<boolean> {
    const r = await trx.updateTable('public_otps').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records a portal link's signature as used; false when it was used before. Forgets expired ones first. */
  async useSignature(trx: Executor, values: Insertable<SignedLinkUseTable>, now: Date): Promise<boolean> {
    await trx.deleteFrom('signed_link_uses').where('expires_at', '<', now).execute();
    const row = await trx.insertInto('signed_link_uses').values(values).onConflict((oc) => oc.column('sig_hash').doNothing()).returning('sig_hash').executeTakeFirst();
    return !!row;
  }

  /**
   * Counts one request of `bucket` by `keyHash` in the hour starting at `windowStart` and returns
   * the count so far. Runs on its own, outside any business transaction, so a request that fails
   * afterwards still counts. Hours before the previous one are deleted on the way.
   */
  async hit(bucket: string, keyHash: string, windowStart: Date): Promise<number> {
    await this.db.deleteFrom('public_rate_counters').where('window_start', '<', new Date(windowStart.getTime() - 3_600_000)).execute();
    const row = await this.db
      .insertInto('public_rate_counters')
      .values({ bucket, key_hash: keyHash, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['bucket', 'key_hash', 'window_start']).doUpdateSet({ count: sql`public_rate_counters.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    return row.count;
  }
}
