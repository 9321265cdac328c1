import {
  checkSubmission,
  evaluationOpensAt,
  isBadLevel,
  nextRound,
  type EvaluationChannel,
  type EvaluationPolicy,
  type Level,
  type Submission,
} from '@hcp/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB, Evaluation } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import { auditActor, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import type { WorkOrderService } from './work-order.service.ts';
import { recordDefaultRatings, type DefaultsResult } from './evaluation-defaults.ts';

/** A rating to record, after the channel has established who may give it (token, link, code, device, staff). */
export interface EvaluationInput extends Submission {
  caseId: number;
  visitNo?: number;
  /** A follow-up (追加评价) of the evaluator's earlier rating, not a new first one. */
  followUp?: boolean;
  channel: EvaluationChannel;
  /** The applicant's own identity when the channel bound the rating to them (real-name 实名评价). */
  realName?: boolean;
  platformId?: number | null;
  enteredBy?: number | null;
  scanRef?: string | null;
  /** Which invitation, device request or link it came through. */
  sourceRef?: string | null;
  idempotencyKey?: string | null;
  /** When it was given, for ratings carried over from an earlier system; only the system itself may set it. */
  at?: Date;
}

export interface RecordedEvaluation {
  id: number;
  caseId: number;
  caseNo: string;
  round: number;
  kind: 'active' | 'default';
  level: number;
  bad: boolean;
  submittedAt: Date;
  policyVersion: number;
}

export interface PolicyInForce {
  id: number;
  regionCode: string;
  version: number;
  policy: EvaluationPolicy;
}

/**
 * Records evaluations (评价): one per case and visit plus the allowed follow-ups, checked against the
 * policy version of the case's region, rating at once the item, unit, window, hall, platform and staff
 * member of the case. Channels call this after verifying the evaluator; the service never trusts a
 * channel for anything but the identity binding.
 */
export class EvaluationService {
  constructor(
    private readonly db: Database,
    private readonly evaluations: EvaluationRepository,
    private readonly regions: RegionRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditRepository,
    /** Opens the work order (整改工单) of every bad rating, in the rating's own transaction. */
    private readonly workOrders: Pick<WorkOrderService, 'openForBadRating'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The policy version in force for a region: its own latest, or its nearest ancestor's, or the national one. */
  async policyFor(regionCode: string): Promise<PolicyInForce> {
    const chain = (await this.regions.ancestors(regionCode)).reverse();
    return this.evaluations.currentPolicy(chain);
  }

  /** Whether and until when a case can be rated, for the pages that show its form. */
  async openness(caseId: number) {
    const c = await this.evaluations.caseContext(caseId);
    if (!c) throw notFound('case');
    const p = await this.policyFor(c.region_code);
    const opensAt = evaluationOpensAt(p.policy, { received: c.received_at, accepted: c.accepted_at, completed: c.completed_at });
    const calendar = await this.calendar.forRegion(c.region_code);
    const defaultAt = opensAt ? calendar.addWorkingDays(opensAt, p.policy.defaultAfterWorkingDays) : null;
    const rounds = await this.evaluations.rounds(caseId, 1);
    return { case: c, policy: p, opensAt, defaultAt, rounds, firstRound: nextRound(p.policy, rounds, false), followUpRound: nextRound(p.policy, rounds, true) };
  }

  /**
   * Stores one rating. `inSameTransaction` runs inside the transaction that inserts it, for what must
   * commit together with the rating (a channel marking its token used); throwing there undoes both.
   */
  async record(ctx: Ctx, input: EvaluationInput, inSameTransaction?: (trx: Transaction<DB>, evaluationId: number) => Promise<void>): Promise<RecordedEvaluation> {
    if (input.idempotencyKey) {
      const earlier = await this.evaluations.findByIdempotencyKey(input.idempotencyKey);
      if (earlier) return this.replay(earlier, input);
    }
    const visitNo = input.visitNo ?? 1;
    const { case: c, policy, opensAt, rounds } = await this.opennessOfVisit(input.caseId, visitNo);
    const round = nextRound(policy.policy, rounds, !!input.followUp);
    if (input.at && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'only a data migration may date a rating in the past', 'at');
    const submittedAt = input.at ?? this.now();
    if (!opensAt || opensAt.getTime() > submittedAt.getTime()) {
      throw new AppError('EVALUATION_NOT_OPEN', `case ${c.case_no} is not open for evaluation yet (opens at stage ${policy.policy.opensAt})`, 'caseId');
    }
    const problems = checkSubmission(policy.policy, c.channel, input);
    if (problems.length) {
      const first = problems[0]!;
      throw new AppError('VALIDATION_FAILED', `${first.field}: ${first.reason}`, first.field, problems);
    }
    if (round === null) {
      // The same submission may have committed between our first look and now.
      const earlier = input.idempotencyKey ? await this.evaluations.findByIdempotencyKey(input.idempotencyKey) : undefined;
      if (earlier) return this.replay(earlier, input);
      const why = input.followUp ? (rounds.length ? 'has had every follow-up its policy allows' : 'has no evaluation to follow up') : 'has been evaluated already';
      throw new AppError('ALREADY_EVALUATED', `case ${c.case_no} ${why}`, 'caseId');
    }
    const level = input.level as Level;
    const bad = isBadLevel(policy.policy, level);
    const calendar = bad ? await this.calendar.forRegion(c.region_code) : undefined;
    const id = await this.db.transaction().execute(async (trx) => {
      const inserted = await this.evaluations.insert(trx, {
        case_id: c.id,
        visit_no: visitNo,
        round,
        kind: 'active',
        level,
        bad,
        tags: input.tags ?? [],
        text: input.text?.trim() || null,
        scores: JSON.stringify(input.scores ?? {}),
        channel: input.channel,
        policy_id: policy.id,
        real_name: !!input.realName,
        // A real-name rating is bound to the applicant: their name and phone, encrypted as in the case.
        evaluator_name_enc: input.realName ? c.applicant_name_enc : null,
        evaluator_phone_enc: input.realName ? c.applicant_phone_enc : null,
        evaluator_phone_bidx: input.realName ? c.applicant_phone_bidx : null,
        item_id: c.item_id,
        unit_id: c.unit_id,
        window_id: c.window_id,
        hall_id: c.hall_id,
        platform_id: input.platformId ?? null,
        staff_id: c.staff_id,
        region_code: c.region_code,
        org_path: c.org_path,
        entered_by: input.enteredBy ?? null,
        scan_ref: input.scanRef ?? null,
        source_ref: input.sourceRef ?? null,
        idempotency_key: input.idempotencyKey ?? null,
        submitted_at: submittedAt,
      });
      if (!inserted) return undefined;
      await inSameTransaction?.(trx, inserted.id);
      // Every channel ends here, so every bad rating gets its order; failing to open one stores no rating.
      if (bad) {
        await this.workOrders.openForBadRating(trx, ctx, {
          evaluationId: inserted.id, caseId: c.id, unitId: c.unit_id, staffId: c.staff_id, regionCode: c.region_code, orgPath: c.org_path,
          submittedAt, policyId: policy.id, policy: policy.policy, calendar: calendar!,
        });
      }
      await this.audit.append(trx, { ...auditActor(ctx), action: 'evaluation.record', targetType: 'evaluation', targetId: inserted.id, detail: { caseId: c.id, round, channel: input.channel, bad } });
      return inserted.id;
    });
    if (id === undefined) {
      // Another submission took the slot at the same instant; a retry of this one gets its first answer.
      if (input.idempotencyKey) {
        const earlier = await this.evaluations.findByIdempotencyKey(input.idempotencyKey);
        if (earlier) return this.replay(earlier, input);
      }
      throw new AppError('ALREADY_EVALUATED', `case ${c.case_no} was evaluated through another channel a moment ago`, 'caseId');
    }
    return { id, caseId: c.id, caseNo: c.case_no, round, kind: 'active', level, bad, submittedAt, policyVersion: policy.version };
  }

  /** openness() for one visit of a case: offline service is rated once per visit (一次一评). */
  /** The first answer of an earlier submission with this idempotency key, if there was one. */
  async replayByKey(key: string): Promise<RecordedEvaluation | undefined> {
    const earlier = await this.evaluations.findByIdempotencyKey(key);
    return earlier ? this.asRecorded(earlier) : undefined;
  }

  private async asRecorded(e: Evaluation): Promise<RecordedEvaluation> {
    const c = await this.evaluations.caseContext(e.case_id);
    const p = await this.evaluations.policyById(e.policy_id);
    return { id: e.id, caseId: e.case_id, caseNo: c!.case_no, round: e.round, kind: e.kind, level: e.level, bad: e.bad, submittedAt: e.submitted_at, policyVersion: p!.version };
  }

  async opennessOfVisit(caseId: number, visitNo: number) {
    const o = await this.openness(caseId);
    return visitNo === 1 ? o : { ...o, rounds: await this.evaluations.rounds(caseId, visitNo) };
  }

  /**
   * Records the default rating of every case whose evaluation period has run out unrated, in batches
   * of `batchSize` (see evaluation-defaults.ts). The scheduled job evaluations.default calls it.
   */
  recordDefaults(ctx: Ctx, now: Date, batchSize = 500): Promise<DefaultsResult> {
    const deps = { db: this.db, evaluations: this.evaluations, calendar: this.calendar, audit: this.audit, policyFor: (r: string) => this.policyFor(r) };
    return recordDefaultRatings(deps, ctx, now, batchSize);
  }

  /** The first answer to a retried submission; the same key for a different rating is a conflict. */
  private async replay(e: Evaluation, input: EvaluationInput): Promise<RecordedEvaluation> {
    if (e.case_id !== input.caseId || e.level !== input.level) throw conflict('this idempotency key was used for another evaluation', 'idempotencyKey');
    return this.asRecorded(e);
  }
}
