import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SmsMessageTable, SmsStatus } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

export class SmsRepository {
  constructor(private readonly db: Database) {}

  async insert(trx: Executor, values: Insertable<SmsMessageTable>): Promise<number> {
    const row = await trx.insertInto('sms_messages').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  find(id: number, db: Executor = this.db) {
    return db.selectFrom('sms_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async markSent(id: number, gateway: string, providerMessageId: string): Promise<void> {
    await this.db
      .updateTable('sms_messages')
      .set((eb) => ({ status: 'sent', gateway, provider_message_id: providerMessageId, sent_at: new Date(), attempts: eb('attempts', '+', 1), last_error: null }))
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
  }

  async markAttemptFailed(id: number, error: string, final: boolean): Promise<void> {
    await this.db
      .updateTable('sms_messages')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500), ...(final ? { status: 'failed' as SmsStatus } : {}) }))
      .where('id', '=', id)
      .execute();
  }

  /** A delivery report; the later state wins, a report for an unknown message changes nothing. */
  async markDelivery(providerMessageId: string, status: 'delivered' | 'failed', at: Date): Promise<number> {
    const r = await this.db
      .updateTable('sms_messages')
      .set({ status, ...(status === 'delivered' ? { delivered_at: at } : {}) })
      .where('provider_message_id', '=', providerMessageId)
      .where('status', 'in', ['sent', 'delivered', 'failed'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async isOptedOut(phoneBidx: string, db: Executor = this.db): Promise<boolean> {
    return !!(await db.selectFrom('sms_optouts').select('phone_bidx').where('phone_bidx', '=', phoneBidx).executeTakeFirst());
  }

  async optOut(phoneBidx: string, source: string): Promise<void> {
    await this.db.insertInto('sms_optouts').values({ phone_bidx: phoneBidx, source }).onConflict((oc) => oc.column('phone_bidx').doNothing()).execute();
  }

  async optIn(phoneBidx: string): Promise<void> {
    await this.db.deleteFrom('sms_optouts').where('phone_bidx', '=', phoneBidx).execute();
  }

  list(filter: { purpose?: string; status?: SmsStatus; beforeId?: number; limit: number }) {
    let q = this.db
      .selectFrom('sms_messages')
      .select(['id', 'phone_masked', 'purpose', 'ref', 'body', 'status', 'gateway', 'attempts', 'last_error', 'created_at', 'sent_at', 'delivered_at'])
      .orderBy('id', 'desc')
      .limit(filter.limit);
    if (filter.purpose) q = q.where('purpose', '=', filter.purpose);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
    return q.execute();
  }

  /** The development gateway's delivery: idempotent per message id, as a real provider's is per request id. */
  async devDeliver(messageId: number, phoneMasked: string, body: string): Promise<void> {
    await this.db.insertInto('dev_sms_inbox').values({ message_id: messageId, phone_masked: phoneMasked, body }).onConflict((oc) => oc.column('message_id').doNothing()).execute();
  }

  devInbox(limit: number) {
    return this.db.selectFrom('dev_sms_inbox').selectAll().orderBy('message_id', 'desc').limit(limit).execute();
  }
}
