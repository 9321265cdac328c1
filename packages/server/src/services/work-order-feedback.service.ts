import { createHash, randomBytes } from 'node:crypto';
import { renderSmsTemplate, type EvaluationPolicy } from '@hcp/domain';
import type { WorkOrder } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Executor } from '../repositories/audit.repository.ts';
import type { WorkOrderFeedbackRepository } from '../repositories/work-order-feedback.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import type { SmsService } from './sms.service.ts';

export const hashFeedbackToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Feedback (整改反馈) to the evaluator: the SMS that the feedback step queues in its own transaction,
 * with a single-purpose link to the evaluator's page (`/e/f/<token>`), where they read what the unit
 * did, follow the order and answer the revisit (回访) online. The token is shown once, in the SMS,
 * and kept only as a hash.
 */
export class WorkOrderFeedbackService {
  constructor(
    private readonly repo: WorkOrderFeedbackRepository,
    private readonly sms: SmsService,
    private readonly cipher: PiiCipher,
    private readonly publicBaseUrl: string,
  ) {}

  link(token: string): string {
    return `${this.publicBaseUrl}/e/f/${token}`;
  }

  /**
   * Queues the feedback SMS of an order in the caller's transaction, when its rating has a phone (a
   * real-name rating); answers null when there is nobody to text. An opted-out phone (退订) gets no
   * SMS and no link: the 12345 operator's revisit by phone remains.
   */
  async notify(trx: Executor, order: WorkOrder, policy: EvaluationPolicy, now: Date): Promise<{ messageId: number; suppressed: boolean } | null> {
    const c = await this.repo.orderContext(order.id, trx);
    if (!c?.evaluator_phone_enc) return null;
    const token = randomBytes(12).toString('base64url');
    const body = renderSmsTemplate(policy.smsTemplates.rectification, { item: c.item_name, unit: c.unit_name, link: this.link(token) });
    const sent = await this.sms.queue(trx, { phone: this.cipher.decrypt(c.evaluator_phone_enc), body, purpose: 'rectification', ref: `work_order:${order.id}` });
    if (!sent.suppressed) {
      await this.repo.insertLink(trx, {
        work_order_id: order.id,
        token_hash: hashFeedbackToken(token),
        review_round: order.review_round,
        sms_message_id: sent.messageId,
        created_at: now,
        expires_at: new Date(now.getTime() + policy.feedbackLinkValidHours * 3_600_000),
      });
    }
    return sent;
  }

  /** The link behind a token; unknown and expired links are a 410 with the reason, as evaluation links are. */
  async resolve(token: string, now: Date) {
    const link = TOKEN.test(token) ? await this.repo.findLink(hashFeedbackToken(token)) : undefined;
    if (!link) throw new AppError('TOKEN_INVALID', 'this feedback link is not valid', 'token', [{ field: 'token', reason: 'unknown' }]);
    if (link.expires_at.getTime() <= now.getTime()) throw new AppError('TOKEN_INVALID', 'this feedback link has expired', 'token', [{ field: 'token', reason: 'expired' }]);
    return link;
  }
}
