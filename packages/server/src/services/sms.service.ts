import { maskPhone } from '@hcp/domain';
import type { SmsStatus } from '../db/schema.ts';
import type { Executor } from '../repositories/audit.repository.ts';
import type { JobRepository } from '../repositories/job.repository.ts';
import type { SmsRepository } from '../repositories/sms.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import type { SmsGateway } from '../sms/sms-gateway.ts';
import { requirePermission, type Ctx } from './actor.ts';

/** `feedback` asks an SMS reply for its reason; `rectification` is a work order's feedback (整改反馈) with the link to the evaluator's page. */
export type SmsPurpose = 'invitation' | 'reminder' | 'otp' | 'feedback' | 'rectification';

/** Purposes an opt-out (退订) stops; a code the person asked for themselves is always sent. */
const OPT_OUT_APPLIES: readonly SmsPurpose[] = ['invitation', 'reminder', 'rectification'];

/**
 * Outgoing SMS through the transactional outbox: `queue` writes the message and its send job in the
 * caller's transaction, so a message exists exactly when the change that caused it committed. The
 * worker sends it; the provider gets our message id as idempotency key, so a retry after a crash
 * mid-send does not reach the phone twice, and a gateway that is down is retried with backoff.
 */
export class SmsService {
  constructor(
    private readonly sms: SmsRepository,
    private readonly jobs: JobRepository,
    private readonly cipher: PiiCipher,
    private readonly gateway: SmsGateway,
  ) {}

  async queue(trx: Executor, m: { phone: string; body: string; purpose: SmsPurpose; ref?: string }): Promise<{ messageId: number; suppressed: boolean }> {
    const bidx = this.cipher.blindIndex('phone', m.phone);
    const suppressed = OPT_OUT_APPLIES.includes(m.purpose) && (await this.sms.isOptedOut(bidx, trx));
    const messageId = await this.sms.insert(trx, {
      phone_enc: this.cipher.encrypt(m.phone),
      phone_bidx: bidx,
      phone_masked: maskPhone(m.phone),
      purpose: m.purpose,
      ref: m.ref ?? null,
      body: m.body,
      status: suppressed ? 'suppressed' : 'queued',
    });
    if (!suppressed) await this.jobs.enqueue(trx, { kind: 'sms.send', payload: { messageId }, maxAttempts: 24, dedupeKey: `sms:${messageId}` });
    return { messageId, suppressed };
  }

  /** The send job: a message already sent (a job run twice) is not sent again. */
  async deliver(messageId: number, attempt: number, maxAttempts: number): Promise<void> {
    const m = await this.sms.find(messageId);
    if (!m || m.status !== 'queued') return;
    try {
      const { providerMessageId } = await this.gateway.send({ messageId, phone: this.cipher.decrypt(m.phone_enc), phoneMasked: m.phone_masked, body: m.body });
      await this.sms.markSent(messageId, this.gateway.name, providerMessageId);
    } catch (err) {
      await this.sms.markAttemptFailed(messageId, err instanceof Error ? err.message : String(err), attempt >= maxAttempts);
      throw err;
    }
  }

  /** A provider's delivery report. */
  report(providerMessageId: string, status: 'delivered' | 'failed', at: Date): Promise<number> {
    return this.sms.markDelivery(providerMessageId, status, at);
  }

  optOut(phone: string, source: string): Promise<void> {
    return this.sms.optOut(this.cipher.blindIndex('phone', phone), source);
  }

  isOptedOut(phone: string): Promise<boolean> {
    return this.sms.isOptedOut(this.cipher.blindIndex('phone', phone));
  }

  /** The outbox as the console shows it: phones masked. */
  async list(ctx: Ctx, filter: { purpose?: string; status?: SmsStatus; beforeId?: number; limit: number }) {
    requirePermission(ctx, 'sms.read');
    const rows = await this.sms.list(filter);
    // One-time codes and evaluation links are the evaluator's keys; whoever reads the outbox must not get them.
    return rows.map((m) => ({
      ...m,
      body: (m.purpose === 'otp' ? m.body.replace(/\d{4,8}/g, (d) => '*'.repeat(d.length)) : m.body).replace(/\/e\/(?:f\/)?[A-Za-z0-9_-]+/g, '/e/••••••'),
    }));
  }

  devInbox(ctx: Ctx, limit: number) {
    requirePermission(ctx, 'sms.read');
    return this.sms.devInbox(limit);
  }
}
