import { CITIZEN_VISIBLE_STEPS, citizenStage, normaliseRegionCode, withPolicyDefaults, type EvaluationPolicy, type Level } from '@hcp/domain';
import { invalid, notFound } from '../errors.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { WorkOrderFeedbackRepository } from '../repositories/work-order-feedback.repository.ts';
import type { WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { evaluatorCtx } from './actor.ts';
import type { PolicyInForce } from './evaluation.service.ts';
import type { WorkOrderFeedbackService } from './work-order-feedback.service.ts';
import type { ActInput, WorkOrderService } from './work-order.service.ts';

/** The Beijing calendar date of an instant, YYYY-MM-DD: a published rating shows its day, not its time. */
const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** What the evaluator answers online: satisfied with a new rating (or the first was a mistake, 误评), or not, with a reason. */
export interface OnlineRevisit {
  satisfied: boolean;
  level?: number;
  tags?: string[];
  text?: string | null;
  mistaken?: boolean;
  idempotencyKey?: string;
}

/**
 * The public side of work orders, no login:
 * - the evaluator's page behind a feedback link (`/e/f/<token>`): the unit's feedback and the order's
 *   progress, and the online revisit (回访). It shows the item, the unit, the evaluator's own rating
 *   (level and tags) and the steps; never a name, phone, case number, or who took a step.
 * - published replies (公开答复) with the masked rating: level, tags, dates, item and unit.
 */
export class WorkOrderPublicService {
  constructor(
    private readonly feedbackLinks: Pick<WorkOrderFeedbackService, 'resolve'>,
    private readonly repo: WorkOrderFeedbackRepository,
    private readonly orders: WorkOrderRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly workOrders: Pick<WorkOrderService, 'revisitByEvaluator' | 'policyOf'>,
    private readonly policyFor: (regionCode: string) => Promise<PolicyInForce>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async progress(token: string) {
    const link = await this.feedbackLinks.resolve(token, this.now());
    return this.view(link.work_order_id, link.expires_at);
  }

  /** The evaluator's revisit through their link; a retry with the same key answers the page as it is. */
  async revisit(token: string, answer: OnlineRevisit, requestId: string) {
    const link = await this.feedbackLinks.resolve(token, this.now());
    const order = await this.orders.find(link.work_order_id);
    if (!order) throw notFound('work order');
    // The evaluator writes within the region's limit for rating texts, online as on the evaluation page.
    const { policy } = await this.policyFor(order.region_code);
    if (Array.from(answer.text?.trim() ?? '').length > policy.textMaxLength) throw invalid('text', `at most ${policy.textMaxLength} characters`);
    const input: ActInput & { satisfied: boolean } = {
      satisfied: answer.satisfied,
      text: answer.text ?? null,
      ...(answer.level !== undefined ? { level: answer.level } : {}),
      ...(answer.tags !== undefined ? { tags: answer.tags } : {}),
      ...(answer.mistaken !== undefined ? { mistaken: answer.mistaken } : {}),
      ...(answer.idempotencyKey ? { idempotencyKey: answer.idempotencyKey } : {}),
    };
    await this.workOrders.revisitByEvaluator(evaluatorCtx('sms', requestId), order.id, input);
    return this.view(order.id, link.expires_at);
  }

  private async view(orderId: number, expiresAt: Date) {
    const order = await this.orders.find(orderId);
    const c = await this.repo.orderContext(orderId);
    if (!order || !c) throw notFound('work order');
    const [events, ratedUnder, current, opened] = await Promise.all([
      this.orders.events(orderId),
      this.evaluations.policyById(c.evaluation_policy_id),
      this.policyFor(order.region_code),
      this.workOrders.policyOf(order),
    ]);
    const rated = withPolicyDefaults(ratedUnder!.policy);
    const p = current.policy;
    return {
      itemName: c.item_name,
      unitName: c.unit_name,
      completedAt: c.completed_at,
      rating: { level: c.level, label: rated.levels[c.level as Level], tags: tagLabels(rated, c.tags), submittedAt: c.submitted_at },
      stage: citizenStage(order.state),
      decision: order.decision,
      reviewRound: order.review_round,
      maxReviews: opened.workOrder.maxReviews,
      steps: events
        .filter((e) => CITIZEN_VISIBLE_STEPS.includes(e.action))
        .map((e) => ({ step: e.action, at: e.at, text: e.action === 'feedback' ? e.text : null, byEvaluator: e.actor_kind === 'evaluator' })),
      latest: c.revisit_level !== null && c.revisit_at !== null ? { level: c.revisit_level, label: p.levels[c.revisit_level as Level], submittedAt: c.revisit_at, mistaken: order.revisit_mistaken } : null,
      revisitOpen: order.state === 'feedback_given',
      expiresAt,
      form: {
        levels: ([5, 4, 3, 2, 1] as const).map((level) => ({ level, ...p.levels[level], bad: p.badLevels.includes(level) })),
        tags: p.tags.filter((t) => !p.badLevels.includes(t.level)),
        textMaxLength: p.textMaxLength,
      },
    };
  }

  /** Published replies of a region's subtree and/or a unit, newest first, with the rating masked. */
  async publishedReplies(f: { regionCode?: string | undefined; unitId?: number | undefined; limit: number; offset: number }) {
    const regionCode = f.regionCode === undefined ? undefined : normaliseRegionCode(f.regionCode);
    if (f.regionCode !== undefined && !regionCode) throw invalid('regionCode', 'a GB/T 2260 code of 6, 9 or 12 digits');
    const listed = await this.repo.publishedReplies({ limit: f.limit, offset: f.offset, ...(regionCode ? { regionCode } : {}), ...(f.unitId !== undefined ? { unitId: f.unitId } : {}) });
    // Only what the order's region publishes (policy.publication; the disclosure portal reads the same rules).
    const rows = [];
    for (const r of listed) {
      const pub = (await this.policyFor(r.region_code)).policy.publication;
      if (pub.enabled && pub.replies && pub.replyLevels.includes(r.level as Level) && !pub.withheldUnitIds.includes(r.unit_id)) rows.push(r);
    }
    const policies = new Map<number, EvaluationPolicy>();
    for (const id of new Set(rows.map((r) => r.policy_id))) {
      const row = await this.evaluations.policyById(id);
      if (row) policies.set(id, withPolicyDefaults(row.policy));
    }
    return rows.map((r) => {
      const p = policies.get(r.policy_id)!;
      return {
        id: r.id,
        regionCode: r.region_code,
        unitId: r.unit_id,
        unitName: r.unit_name,
        itemName: r.item_name,
        rating: { level: r.level, label: p.levels[r.level as Level], tags: tagLabels(p, r.tags), ratedOn: beijingDate(r.submitted_at) },
        revisitLevel: r.revisit_level,
        outcome: r.state === 'closed_resolved' ? ('resolved' as const) : r.state === 'closed_unresolved' ? ('unresolved' as const) : ('closed' as const),
        reply: r.public_reply!,
        repliedOn: beijingDate(r.public_reply_at!),
      };
    });
  }
}

function tagLabels(p: EvaluationPolicy, codes: string[]) {
  return codes.map((code) => {
    const t = p.tags.find((x) => x.code === code);
    return { code, zh: t?.zh ?? code, en: t?.en ?? code };
  });
}
