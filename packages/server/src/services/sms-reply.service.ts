import { createHash } from 'node:crypto';
import { evaluationDeadlineText, maskPhone, parseSmsReply, renderSmsTemplate, type Level } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { SmsInboundStatus } from '../db/schema.ts';
import { AppError, forbidden, invalid } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { InvitationRepository } from '../repositories/invitation.repository.ts';
import type { SmsInboundRepository } from '../repositories/sms-inbound.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, type Ctx } from './actor.ts';
import type { EvaluationService } from './evaluation.service.ts';
import type { InvitationService } from './invitation.service.ts';
import type { PublicEvaluationService } from './public-evaluation.service.ts';
import type { SmsService } from './sms.service.ts';

export interface SmsReplyDeps {
  db: Database;
  invitations: InvitationRepository;
  inbound: SmsInboundRepository;
  invitationService: InvitationService;
  publicEvaluations: PublicEvaluationService;
  evaluations: EvaluationService;
  sms: SmsService;
  cipher: PiiCipher;
  audit: AuditRepository;
}

/** An SMS the provider delivered to us. */
export interface InboundSms {
  from: string;
  text: string;
  receivedAt?: Date;
  /** The provider's id of the message: its retries carry the same one. */
  providerMessageId?: string;
}

export interface ReplyOutcome {
  status: SmsInboundStatus;
  /** The provider delivered this message before; nothing was done twice. */
  replay: boolean;
}

/** A reply's row before its outcome is known. */
interface Inbound {
  provider_message_id: string | null;
  phone_bidx: string;
  phone_masked: string;
  text_enc: string;
  invitation_id: number | null;
  evaluation_id: number | null;
  reply_message_id: number | null;
  received_at: Date;
}

/**
 * Replies to invitation SMS (短信回复): "1"–"5" rates the case of the most recent open invitation sent
 * to that phone, through that invitation's session (channel sms, real-name); "TD" / "退订" opts out;
 * anything else is kept and ignored. Every reply is stored with its outcome for audit.
 *
 * A bad rating by SMS carries no reason. When the region's policy asks for one (badRatingNeeds other
 * than 'none'), the reply is not recorded: the evaluator gets the invitation's link by SMS to rate
 * with a reason, and the reply is kept as needs_reason. Recording it without a reason would break the
 * policy; recording it as a different level would put words in the evaluator's mouth.
 */
export class SmsReplyService {
  constructor(private readonly d: SmsReplyDeps) {}

  async receive(ctx: Ctx, m: InboundSms, now = new Date()): Promise<ReplyOutcome> {
    if (ctx.actor.kind !== 'evaluator' && ctx.actor.kind !== 'system') throw forbidden('SMS replies come through the provider webhook only');
    if (m.providerMessageId) {
      const earlier = await this.d.inbound.findByProviderId(m.providerMessageId);
      if (earlier) return { status: earlier.status, replay: true };
    }
    const phone = normalisePhone(m.from);
    if (!phone) throw invalid('from', 'not a phone number');
    const phoneBidx = this.d.cipher.blindIndex('phone', phone);
    const base: Inbound = {
      provider_message_id: m.providerMessageId ?? null,
      phone_bidx: phoneBidx,
      phone_masked: maskPhone(phone),
      text_enc: this.d.cipher.encrypt(m.text),
      invitation_id: null,
      evaluation_id: null,
      reply_message_id: null,
      received_at: m.receivedAt ?? now,
    };
    const reply = parseSmsReply(m.text);
    if (reply.kind === 'other') return this.keep(base, 'ignored', 'not a rating or an opt-out');
    if (reply.kind === 'opt_out') {
      // Idempotent, and outside the transaction below: SmsService writes it through its own connection.
      await this.d.sms.optOut(phone, 'reply');
      return this.keep(base, 'opted_out', null, ctx);
    }
    return this.rate(ctx, base, phone, reply.level, m, now);
  }

  private async rate(ctx: Ctx, base: Inbound, phone: string, level: Level, m: InboundSms, now: Date): Promise<ReplyOutcome> {
    const inv = await this.d.invitations.openForReply(base.phone_bidx, now);
    if (!inv) return this.keep(base, 'ignored', 'no open invitation for this phone');
    const row = { ...base, invitation_id: inv.id };
    // The provider's id makes the rating's idempotency key; '/' keeps it apart from keys the public API accepts.
    const idempotencyKey = m.providerMessageId ? `sms-reply/${createHash('sha256').update(m.providerMessageId).digest('hex').slice(0, 40)}` : null;
    try {
      let stored = false;
      const r = await this.d.publicEvaluations.submitToSession(ctx, inv.session_id, { level, idempotencyKey }, now, async (trx, evaluationId) => {
        stored = (await this.d.inbound.insert(trx, { ...row, status: 'recorded', reason: null, evaluation_id: evaluationId })) !== undefined;
      });
      // A retry whose first attempt committed the rating but not (by a crash in between) this reply's row.
      if (!stored) await this.d.inbound.insert(this.d.db, { ...row, status: 'recorded', reason: null, evaluation_id: r.id });
      return { status: 'recorded', replay: false };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'VALIDATION_FAILED') return this.askForReason(row, phone, inv);
      // Rated through another channel, or the link used or expired, a moment ago.
      if (err.code === 'ALREADY_EVALUATED' || err.code === 'TOKEN_INVALID' || err.code === 'EVALUATION_NOT_OPEN') return this.keep(row, 'ignored', err.code);
      throw err;
    }
  }

  /** The policy wants a reason for this level: send the invitation's link once, record nothing. */
  private async askForReason(row: Inbound, phone: string, inv: NonNullable<Awaited<ReturnType<InvitationRepository['openForReply']>>>): Promise<ReplyOutcome> {
    const o = await this.d.evaluations.openness(inv.case_id);
    const template = o.policy.policy.smsTemplates.feedback;
    await this.d.db.transaction().execute(async (trx) => {
      const earlier = await this.d.invitations.lockFeedback(trx, inv.id);
      let replyId: number | null = null;
      // One answer per invitation: an auto-responder replying "2" again gets no second SMS.
      if (earlier === null) {
        const link = await this.d.invitationService.sameLink(trx, inv);
        const body = renderSmsTemplate(template, { item: inv.item_name, unit: inv.unit_name, link, ...(o.defaultAt ? { deadline: evaluationDeadlineText(o.defaultAt) } : {}) });
        replyId = (await this.d.sms.queue(trx, { phone, body, purpose: 'feedback', ref: `invitation:${inv.id}` })).messageId;
        await this.d.invitations.setFeedbackMessage(trx, inv.id, replyId);
      }
      await this.d.inbound.insert(trx, { ...row, status: 'needs_reason', reason: earlier === null ? 'the policy needs a reason; link sent' : 'the policy needs a reason; link sent before', reply_message_id: replyId ?? earlier });
    });
    return { status: 'needs_reason', replay: false };
  }

  /** Stores a reply that recorded no rating; an opt-out also goes into the audit log (a consent change). */
  private async keep(row: Inbound, status: SmsInboundStatus, reason: string | null, auditCtx?: Ctx): Promise<ReplyOutcome> {
    const replay = await this.d.db.transaction().execute(async (trx) => {
      const id = await this.d.inbound.insert(trx, { ...row, status, reason });
      if (id !== undefined && auditCtx) {
        await this.d.audit.append(trx, { ...auditActor(auditCtx), action: 'sms.opt_out', targetType: 'sms_inbound', targetId: id, detail: { phone: row.phone_masked, source: 'reply' } });
      }
      return id === undefined;
    });
    return { status, replay };
  }
}

/** A sender's number as providers write it (+86 138…, 0086138…, 138-…) → digits without the country code. */
function normalisePhone(from: string): string | null {
  const digits = from.replace(/[\s()-]/g, '').replace(/^\+/, '').replace(/^00(?=86)/, '');
  if (!/^[0-9]{3,20}$/.test(digits)) return null;
  return digits.replace(/^86(?=1[0-9]{10}$)/, '');
}
