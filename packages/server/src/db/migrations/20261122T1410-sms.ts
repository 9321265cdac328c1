import { sql, type Kysely } from 'kysely';

/** Outgoing SMS (the outbox the worker drains), opt-outs, and the development gateway's inbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sms_messages (
      id bigint generated always as identity primary key,
      phone_enc text not null,
      phone_bidx char(64) not null,
      phone_masked varchar(32) not null,
      purpose varchar(16) not null,
      ref varchar(100),
      body varchar(500) not null,
      status varchar(12) not null default 'queued' check (status in ('queued','sent','delivered','failed','suppressed')),
      gateway varchar(16),
      provider_message_id varchar(100),
      attempts integer not null default 0,
      last_error varchar(500),
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      delivered_at timestamptz
    );
    create index sms_messages_phone_idx on sms_messages(phone_bidx, created_at);
    create index sms_messages_provider_idx on sms_messages(provider_message_id) where provider_message_id is not null;

    create table sms_optouts (
      phone_bidx char(64) primary key,
      source varchar(16) not null,
      created_at timestamptz not null default now()
    );

    -- What the development gateway "delivers": one row per message id, however often it is sent.
    create table dev_sms_inbox (
      message_id bigint primary key,
      phone_masked varchar(32) not null,
      body varchar(500) not null,
      received_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists dev_sms_inbox, sms_optouts, sms_messages cascade`.execute(db);
}
