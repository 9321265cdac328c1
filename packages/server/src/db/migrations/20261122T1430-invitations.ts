import { sql, type Kysely } from 'kysely';

/**
 * Invitations to evaluate by SMS (邀请评价), their reminder, and replies by SMS (短信回复).
 *
 * - evaluation_invitations: one per case (the unique case_id is what keeps re-runs and several
 *   instances from inviting twice). The link's token lives only as the hash in the evaluation
 *   session it opened. remind_at is when its one reminder is due; the partial index holds only the
 *   invitations still waiting for it, so the reminder run never walks history.
 * - invitation_watermarks: how far the invitation run has looked at cases (by cases.updated_at),
 *   so each run reads only what changed since, through cases_updated_idx.
 * - sms_inbound: every reply the provider delivered, and what came of it, for audit; the text is
 *   encrypted (a citizen may write anything into it), a provider's retry is recognised by its id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evaluation_invitations (
      id bigint generated always as identity primary key,
      case_id bigint not null unique references cases(id),
      session_id bigint references evaluation_sessions(id),
      phone_bidx char(64) not null,
      status varchar(12) not null check (status in ('invited','suppressed')),
      sent_message_id bigint references sms_messages(id),
      remind_at timestamptz,
      reminded_at timestamptz,
      reminder_message_id bigint references sms_messages(id),
      feedback_message_id bigint references sms_messages(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index evaluation_invitations_phone_idx on evaluation_invitations(phone_bidx, created_at);
    create index evaluation_invitations_remind_idx on evaluation_invitations(remind_at) where remind_at is not null and reminded_at is null;

    create index cases_updated_idx on cases(updated_at, id);

    create table invitation_watermarks (
      name varchar(32) primary key,
      scanned_to timestamptz not null,
      updated_at timestamptz not null default now()
    );
    -- Cases changed before the feature existed are not invited: invitations start from here.
    insert into invitation_watermarks (name, scanned_to) values ('invitations', now());

    create table sms_inbound (
      id bigint generated always as identity primary key,
      provider_message_id varchar(100) unique,
      phone_bidx char(64) not null,
      phone_masked varchar(32) not null,
      text_enc text not null,
      status varchar(12) not null check (status in ('ignored','recorded','opted_out','needs_reason')),
      reason varchar(100),
      invitation_id bigint references evaluation_invitations(id),
      evaluation_id bigint references evaluations(id),
      reply_message_id bigint references sms_messages(id),
      received_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index sms_inbound_phone_idx on sms_inbound(phone_bidx, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists sms_inbound, invitation_watermarks, evaluation_invitations;
    drop index if exists cases_updated_idx;
  `.execute(db);
}
