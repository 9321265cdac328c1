import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SmsInboundTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

/** SMS replies (短信回复) as received, with what came of each: the audit trail of the reply channel. */
export class SmsInboundRepository {
  constructor(private readonly db: Database) {}

  findByProviderId(providerMessageId: string, db: Executor = this.db) {
    return db.selectFrom('sms_inbound').selectAll().where('provider_message_id', '=', providerMessageId).executeTakeFirst();
  }

  /** Records a reply; undefined when the provider's id was recorded already (a retry racing the first delivery). */
  async insert(db: Executor, values: Insertable<SmsInboundTable>): Promise<number | undefined> {
    const row = await db
      .insertInto('sms_inbound')
      .values(values)
      .onConflict((oc) => oc.column('provider_message_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }
}
