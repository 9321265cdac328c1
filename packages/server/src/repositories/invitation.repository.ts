import { sql, type SqlBool } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

const WATERMARK = 'invitations';

/** Whether the case `c` has a first rating (of any visit): a rated case is neither invited nor reminded. */
const rated = sql<SqlBool>`exists (select 1 from evaluations e where e.case_id = c.id and e.round = 1)`;
const notRated = sql<SqlBool>`not ${rated}`;

/** When case `c` was received: with accepted_at and completed_at, what evaluationOpensAt needs. */
const receivedAt = sql<Date | null>`(select st.occurred_at from case_stages st where st.case_id = c.id and st.stage = 'received')`.as('received_at');

/** Where a keyset page of the scan resumes: updated_at as PostgreSQL prints it (microseconds kept) and the id. */
export interface ScanKey {
  at: string;
  id: number;
}

/** Invitations to evaluate by SMS (邀请评价), their reminder, and the invitation run's watermark. */
export class InvitationRepository {
  constructor(private readonly db: Database) {}

  /** Where the next run starts reading cases: the watermark less `overlapSeconds`, as text (full precision). */
  async scanFrom(overlapSeconds: number): Promise<string> {
    const row = await this.db
      .selectFrom('invitation_watermarks')
      .select(sql<string>`(scanned_to - make_interval(secs => ${overlapSeconds}))::text`.as('from'))
      .where('name', '=', WATERMARK)
      .executeTakeFirst();
    return row?.from ?? '-infinity';
  }

  /** Moves the watermark forward to `to`, never back (two runs at once each move it to what they saw). */
  async advance(trx: Executor, to: string): Promise<void> {
    await trx
      .updateTable('invitation_watermarks')
      .set({ scanned_to: sql`greatest(scanned_to, ${to}::timestamptz)`, updated_at: sql`now()` })
      .where('name', '=', WATERMARK)
      .execute();
  }

  /**
   * Cases changed after `from` (cases_updated_idx), in (updated_at, id) order after `after`, that have
   * an applicant phone, no invitation and no first rating. Whether evaluation has opened and is still
   * open is the caller's check (it depends on the region's policy); `completedOnly` narrows the rows
   * when every region opens evaluation at completion.
   */
  candidates(from: string, after: ScanKey | null, completedOnly: boolean, limit: number) {
    let q = this.db
      .selectFrom('cases as c')
      .innerJoin('service_items as i', 'i.id', 'c.item_id')
      .innerJoin('organisations as u', 'u.id', 'c.unit_id')
      .select([
        'c.id', 'c.region_code', 'c.accepted_at', 'c.completed_at', 'c.applicant_phone_enc', 'c.applicant_phone_bidx',
        'i.name as item_name', 'u.name as unit_name', sql<string>`c.updated_at::text`.as('updated_key'), receivedAt,
      ])
      .where('c.updated_at', '>', sql<Date>`${from}::timestamptz`)
      .where('c.applicant_phone_enc', 'is not', null)
      .where('c.applicant_phone_bidx', 'is not', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('evaluation_invitations as v').select('v.id').whereRef('v.case_id', '=', 'c.id'))))
      .where(notRated)
      .orderBy('c.updated_at')
      .orderBy('c.id')
      .limit(limit);
    if (completedOnly) q = q.where('c.completed_at', 'is not', null);
    if (after) q = q.where(sql<SqlBool>`(c.updated_at, c.id) > (${after.at}::timestamptz, ${after.id}::bigint)`);
    return q.execute();
  }

  /** Takes the case's one invitation slot; undefined when another run has it already. */
  async claim(trx: Executor, v: { caseId: number; phoneBidx: string; createdAt: Date; expiresAt: Date }): Promise<number | undefined> {
    const row = await trx
      .insertInto('evaluation_invitations')
      .values({ case_id: v.caseId, phone_bidx: v.phoneBidx, status: 'invited', created_at: v.createdAt, expires_at: v.expiresAt })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  async complete(trx: Executor, id: number, v: { sessionId: number; messageId: number; suppressed: boolean; remindAt: Date | null }): Promise<void> {
    await trx
      .updateTable('evaluation_invitations')
      .set({ session_id: v.sessionId, sent_message_id: v.messageId, status: v.suppressed ? 'suppressed' : 'invited', remind_at: v.suppressed ? null : v.remindAt })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Invitations whose reminder time has come and that have not been reminded, in id order after
   * `afterId`, with what deciding and sending needs. Only rows in the partial remind index are read.
   */
  dueReminders(now: Date, afterId: number, limit: number) {
    return this.db
      .selectFrom('evaluation_invitations as v')
      .innerJoin('cases as c', 'c.id', 'v.case_id')
      .innerJoin('service_items as i', 'i.id', 'c.item_id')
      .innerJoin('organisations as u', 'u.id', 'c.unit_id')
      .leftJoin('evaluation_sessions as s', 's.id', 'v.session_id')
      .leftJoin('sms_messages as m', 'm.id', 'v.sent_message_id')
      .select([
        'v.id', 'v.case_id', 'v.session_id', 'v.status', 'v.expires_at', 'v.remind_at', 'c.region_code', 'c.accepted_at', 'c.completed_at',
        'i.name as item_name', 'u.name as unit_name', 'm.body as invitation_body', 'm.phone_enc', 's.evaluation_id as session_evaluation_id',
        receivedAt, rated.as('rated'),
      ])
      .where('v.remind_at', 'is not', null)
      .where('v.reminded_at', 'is', null)
      .where('v.remind_at', '<=', now)
      .where('v.id', '>', afterId)
      .orderBy('v.id')
      .limit(limit)
      .execute();
  }

  /** Moves a reminder to another time, or (null) drops it: the row leaves the remind index either way. */
  async reschedule(trx: Executor, id: number, remindAt: Date | null): Promise<void> {
    await trx.updateTable('evaluation_invitations').set({ remind_at: remindAt }).where('id', '=', id).where('reminded_at', 'is', null).execute();
  }

  /** Claims the one reminder of an invitation; false when it was sent already (another run, a retry). */
  async markReminded(trx: Executor, id: number, at: Date): Promise<boolean> {
    const r = await trx.updateTable('evaluation_invitations').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setReminderMessage(trx: Executor, id: number, messageId: number): Promise<void> {
    await trx.updateTable('evaluation_invitations').set({ reminder_message_id: messageId }).where('id', '=', id).execute();
  }

  /**
   * The invitation an SMS reply from this phone answers: the most recent one sent to it that is
   * unexpired, whose link is unused and whose case has no rating yet.
   */
  openForReply(phoneBidx: string, now: Date) {
    return this.db
      .selectFrom('evaluation_invitations as v')
      .innerJoin('evaluation_sessions as s', 's.id', 'v.session_id')
      .innerJoin('cases as c', 'c.id', 'v.case_id')
      .innerJoin('service_items as i', 'i.id', 'c.item_id')
      .innerJoin('organisations as u', 'u.id', 'c.unit_id')
      .leftJoin('sms_messages as m', 'm.id', 'v.sent_message_id')
      .select(['v.id', 'v.case_id', 's.id as session_id', 'v.expires_at', 'c.region_code', 'i.name as item_name', 'u.name as unit_name', 'm.body as invitation_body'])
      .where('v.phone_bidx', '=', phoneBidx)
      .where('v.status', '=', 'invited')
      .where('v.expires_at', '>', now)
      .where('s.evaluation_id', 'is', null)
      .where(notRated)
      .orderBy('v.created_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Locks an invitation for its one feedback answer; the id of that answer if it was sent already. */
  async lockFeedback(trx: Executor, id: number): Promise<number | null> {
    const row = await trx.selectFrom('evaluation_invitations').select('feedback_message_id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    return row.feedback_message_id;
  }

  async setFeedbackMessage(trx: Executor, id: number, messageId: number): Promise<void> {
    await trx.updateTable('evaluation_invitations').set({ feedback_message_id: messageId }).where('id', '=', id).execute();
  }

  /** Invitations with the delivery state of their messages, newest first, in a data scope; never a message text. */
  list(scope: DataScope & { orgPaths?: string[] }, f: { caseId?: number; beforeId?: number; limit: number }) {
    let q = this.db
      .selectFrom('evaluation_invitations as v')
      .innerJoin('cases as c', 'c.id', 'v.case_id')
      .leftJoin('sms_messages as m', 'm.id', 'v.sent_message_id')
      .leftJoin('sms_messages as r', 'r.id', 'v.reminder_message_id')
      .select([
        'v.id', 'v.case_id', 'c.case_no', 'v.status', 'v.created_at', 'v.expires_at', 'v.remind_at', 'v.reminded_at',
        'm.id as m_id', 'm.phone_masked as m_phone', 'm.status as m_status', 'm.sent_at as m_sent_at', 'm.delivered_at as m_delivered_at', 'm.attempts as m_attempts',
        'r.id as r_id', 'r.phone_masked as r_phone', 'r.status as r_status', 'r.sent_at as r_sent_at', 'r.delivered_at as r_delivered_at', 'r.attempts as r_attempts',
      ])
      .where(scopeCondition(scope, 'c.region_code', 'c.org_path'))
      .orderBy('v.id', 'desc')
      .limit(f.limit);
    if (f.caseId !== undefined) q = q.where('v.case_id', '=', f.caseId);
    if (f.beforeId !== undefined) q = q.where('v.id', '<', f.beforeId);
    return q.execute();
  }
}
