import {
  checkSubmission,
  evaluationOpensAt,
  isBadLevel,
  nextRound,
  revisitRound,
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
import type { Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import type { WorkOrderService } from './work-order.service.ts';
import { recordDefaultRatings, type DefaultsResult } from './evaluation-defaults.ts';
import { EvaluationWriter, type Checked, type RecordContext } from './evaluation-writer.ts';

/** How long a region's policy in force is reused while no policy version has been saved anywhere. */
const POLICY_CACHE_MS = 30_000;

/** A rating to record, after the channel has established who may give it (token, link, code, device, staff). */
export interface EvaluationInput extends Submission {
  caseId: number;
  visitNo?: number;
  /** A follow-up (追加评价) of the evaluator's earlier rating, not a new first one. */
  followUp?: boolean;
  /**
   * The rating (an evaluation id) whose work order's revisit (回访) this new rating comes from: it takes
   * a round of its own after every earlier one (not refused as a second rating) and opens no work order.
   * The caller supersedes the original in `inSameTransaction` (WorkOrderService).
   */
  revisitOf?: number;
  channel: EvaluationChannel;
  /** The applicant's own identity when the channel bound the rating to them (real-name 实名评价). */
  realName?: boolean;
  platformId?: number | null;
  enteredBy?: number | null;
  scanRef?: string | null;
  /** Which invitation, device request or link it came through. */
  sourceRef?: string | null;
  /** For manipulation detection: the window device that took it, the keyed hash of the submitting address. */
  deviceId?: number | null;
  clientIpHash?: string | null;
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
    private readonly workOrders: Pick<WorkOrderService, 'openForBadRatings'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writer = new EvaluationWriter({
      db, evaluations, calendar, audit, workOrders,
      policiesFor: (regions, stamp) => this.policiesFor(regions, stamp),
      check: (ctx, input, k) => this.check(ctx, input, k),
      replay: (earlier, input) => this.replay(earlier, input),
    });
  }

  private readonly writer: EvaluationWriter;
  /**
   * Policies in force by region, valid while no version has been saved anywhere (the stamp counts
   * them: versions are only ever added) and for at most POLICY_CACHE_MS (a region moved elsewhere).
   */
  private readonly policyCache = new Map<string, { stamp: number; at: number; value: PolicyInForce }>();

  /** The policy version in force for a region: its own latest, or its nearest ancestor's, or the national one. */
  async policyFor(regionCode: string): Promise<PolicyInForce> {
    return this.policyAt(regionCode, await this.evaluations.policyStamp());
  }

  /** policyFor() of several regions with one look at whether any policy changed (or given its result). */
  async policiesFor(regionCodes: string[], stamp?: number): Promise<Map<string, PolicyInForce>> {
    stamp ??= await this.evaluations.policyStamp();
    const out = new Map<string, PolicyInForce>();
    for (const r of regionCodes) out.set(r, await this.policyAt(r, stamp));
    return out;
  }

  private async policyAt(regionCode: string, stamp: number): Promise<PolicyInForce> {
    const now = Date.now();
    const hit = this.policyCache.get(regionCode);
    if (hit && hit.stamp === stamp && now - hit.at < POLICY_CACHE_MS) return hit.value;
    const chain = (await this.regions.ancestors(regionCode)).reverse();
    const value = await this.evaluations.currentPolicy(chain);
    if (this.policyCache.size >= 10_000) this.policyCache.clear();
    this.policyCache.set(regionCode, { stamp, at: now, value });
    return value;
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
   * Concurrent ratings are written together in one transaction (group commit, evaluation-writer.ts);
   * each is checked and fails on its own, and none is answered before its transaction has committed.
   */
  record(ctx: Ctx, input: EvaluationInput, inSameTransaction?: (trx: Transaction<DB>, evaluationId: number) => Promise<void>): Promise<RecordedEvaluation> {
    return this.writer.submit(ctx, input, inSameTransaction);
  }

  /**
   * record()'s checks on what it has read, in their order: the round the rating takes, who may date
   * it, whether evaluation has opened, its content against the policy version; then the row to insert.
   */
  private check(ctx: Ctx, input: EvaluationInput, k: RecordContext): Checked {
    const { case: c, policy, rounds } = k;
    const visitNo = input.visitNo ?? 1;
    const opensAt = evaluationOpensAt(policy.policy, { received: c.received_at, accepted: c.accepted_at, completed: c.completed_at });
    const round = input.revisitOf ? revisitRound(rounds) : nextRound(policy.policy, rounds, !!input.followUp);
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
      const why = input.followUp ? (rounds.length ? 'has had every follow-up its policy allows' : 'has no evaluation to follow up') : 'has been evaluated already';
      return { kind: 'taken', error: new AppError('ALREADY_EVALUATED', `case ${c.case_no} ${why}`, 'caseId') };
    }
    const level = input.level as Level;
    const bad = isBadLevel(policy.policy, level);
    return {
      kind: 'write',
      row: {
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
        device_id: input.deviceId ?? null,
        client_ip_hash: input.clientIpHash ?? null,
        idempotency_key: input.idempotencyKey ?? null,
        submitted_at: submittedAt,
      },
      result: { caseId: c.id, caseNo: c.case_no, round, kind: 'active', level, bad, submittedAt, policyVersion: policy.version },
      // A revisit's rating (回访) belongs to the order it closes; it opens none of its own.
      opensWorkOrder: bad && !input.revisitOf,
      auditDetail: { caseId: c.id, round, channel: input.channel, bad, ...(input.revisitOf ? { revisitOf: input.revisitOf } : {}) },
    };
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
  recordDefaults(ctx: Ctx, now: Date, batchSize = 10_000): Promise<DefaultsResult> {
    const deps = { db: this.db, evaluations: this.evaluations, calendar: this.calendar, audit: this.audit, policyFor: (r: string) => this.policyFor(r) };
    return recordDefaultRatings(deps, ctx, now, batchSize);
  }

  /** The first answer to a retried submission; the same key for a different rating is a conflict. */
  private async replay(e: Evaluation, input: EvaluationInput): Promise<RecordedEvaluation> {
    if (e.case_id !== input.caseId || e.level !== input.level) throw conflict('this idempotency key was used for another evaluation', 'idempotencyKey');
    return this.asRecorded(e);
  }
}
