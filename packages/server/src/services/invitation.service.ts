import {
  evaluationDeadlineText,
  evaluationOpensAt,
  invitationReminderAt,
  renderSmsTemplate,
  type EvaluationPolicy,
  type StageTimes,
  type WorkingCalendar,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { forbidden, notFound } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { CaseRepository } from '../repositories/case.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { InvitationRepository, ScanKey } from '../repositories/invitation.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import type { EvaluationService, PolicyInForce } from './evaluation.service.ts';
import type { PublicEvaluationService } from './public-evaluation.service.ts';
import type { SmsService } from './sms.service.ts';

export interface InvitationDeps {
  db: Database;
  invitations: InvitationRepository;
  cases: CaseRepository;
  evaluationRepo: EvaluationRepository;
  evaluations: EvaluationService;
  calendar: CalendarService;
  publicEvaluations: PublicEvaluationService;
  sms: SmsService;
  cipher: PiiCipher;
  audit: AuditRepository;
  /** Where citizens open links: `${publicBaseUrl}/e/<token>` is the evaluation page. */
  publicBaseUrl: string;
}

export interface InviteResult {
  /** Cases looked at: changed since the last run, with a phone, uninvited and unrated. */
  examined: number;
  invited: number;
  /** Invitations recorded but not sent, the phone having opted out (退订). */
  suppressed: number;
}

export interface RemindResult {
  examined: number;
  reminded: number;
}

/**
 * How far before the watermark each run starts reading again. Case rows carry the time their
 * transaction wrote them, not when it committed; a case committed up to this long after it was
 * written (a big import, clock skew between instances) is still seen. Re-reading is cheap: the
 * invited are left out by the unique index on case_id.
 */
const SCAN_OVERLAP_SECONDS = 3600;
const HOUR_MS = 3_600_000;

type Region = { policy: PolicyInForce; calendar: WorkingCalendar };

/**
 * Invitations to evaluate by SMS (邀请评价) and their one reminder (提醒). The scheduled job
 * `invitations.send` invites every case whose evaluation opened since the last run; the job
 * `invitations.remind` reminds those still unrated when their reminder is due. Both are idempotent
 * and safe with several instances: one invitation per case (a unique index), one reminder per
 * invitation (a conditional update).
 */
export class InvitationService {
  constructor(private readonly d: InvitationDeps) {}

  /** The evaluation page of a session token. */
  link(token: string): string {
    return `${this.d.publicBaseUrl}/e/${token}`;
  }

  /**
   * The link of an invitation again, for its reminder and for the answer to a bad rating by reply:
   * the token is kept only as a hash, so it is read back from the invitation's own message in the
   * outbox, the one place it had to be kept to be sent. Should that text be gone, a new session
   * with the invitation's expiry gives a new link.
   */
  async sameLink(trx: Executor, v: { id: number; case_id: number; expires_at: Date; invitation_body: string | null }): Promise<string> {
    const token = v.invitation_body?.match(/\/e\/([A-Za-z0-9_-]{8,64})/)?.[1];
    if (token) return this.link(token);
    const s = await this.d.publicEvaluations.openWithId(trx, { caseId: v.case_id, channel: 'sms', realName: true, expiresAt: v.expires_at, sourceRef: `invitation:${v.id}` });
    return this.link(s.token);
  }

  /** Invites every case whose evaluation opened since the last run; `batchSize` cases per transaction. */
  async invite(ctx: Ctx, now: Date, batchSize = 500): Promise<InviteResult> {
    if (ctx.actor.kind !== 'system') throw forbidden('invitations are sent by the scheduled job only');
    const latest = await this.d.evaluationRepo.latestPolicies();
    // Where every region opens evaluation at completion, cases not completed need not be read at all.
    const completedOnly = latest.every((p) => p.policy.opensAt === 'completed');
    const from = await this.d.invitations.scanFrom(SCAN_OVERLAP_SECONDS);
    const region = this.regions();
    const result: InviteResult = { examined: 0, invited: 0, suppressed: 0 };
    let after: ScanKey | null = null;
    for (;;) {
      const batch = await this.d.invitations.candidates(from, after, completedOnly, batchSize);
      if (batch.length === 0) break;
      const last = batch[batch.length - 1]!;
      after = { at: last.updated_key, id: last.id };
      result.examined += batch.length;
      // Decided before the transaction: policies and calendars are read outside it (PGlite has one
      // connection, which a transaction holds).
      const due: { c: (typeof batch)[number]; policy: EvaluationPolicy; defaultAt: Date; remindAt: Date | null }[] = [];
      for (const c of batch) {
        const { policy, calendar } = await region(c.region_code);
        const opensAt = opened(policy.policy, c);
        if (!opensAt || opensAt.getTime() > now.getTime()) continue;
        const defaultAt = calendar.addWorkingDays(opensAt, policy.policy.defaultAfterWorkingDays);
        // Too late to invite: the default rating applies (or applied) before anyone could answer.
        if (defaultAt.getTime() <= now.getTime()) continue;
        const remindAt = invitationReminderAt(calendar, policy.policy, opensAt);
        due.push({ c, policy: policy.policy, defaultAt, remindAt: remindAt && remindAt.getTime() > now.getTime() ? remindAt : null });
      }
      // Case order, so two runs claiming overlapping batches wait for each other instead of deadlocking.
      due.sort((a, b) => a.c.id - b.c.id);
      const done = await this.d.db.transaction().execute(async (trx) => {
        const caseIds: number[] = [];
        let suppressed = 0;
        for (const { c, policy, defaultAt, remindAt } of due) {
          const expiresAt = new Date(now.getTime() + policy.invitationValidHours * HOUR_MS);
          const id = await this.d.invitations.claim(trx, { caseId: c.id, phoneBidx: c.applicant_phone_bidx!, createdAt: now, expiresAt });
          if (id === undefined) continue;
          const session = await this.d.publicEvaluations.openWithId(trx, { caseId: c.id, channel: 'sms', realName: true, expiresAt, sourceRef: `invitation:${id}` });
          const body = renderSmsTemplate(policy.smsTemplates.invitation, { item: c.item_name, unit: c.unit_name, link: this.link(session.token), deadline: evaluationDeadlineText(defaultAt) });
          const sent = await this.d.sms.queue(trx, { phone: this.d.cipher.decrypt(c.applicant_phone_enc!), body, purpose: 'invitation', ref: `invitation:${id}` });
          await this.d.invitations.complete(trx, id, { sessionId: session.id, messageId: sent.messageId, suppressed: sent.suppressed, remindAt });
          caseIds.push(c.id);
          if (sent.suppressed) suppressed++;
        }
        await this.d.invitations.advance(trx, last.updated_key);
        if (caseIds.length > 0) {
          await this.d.audit.append(trx, { ...auditActor(ctx), action: 'invitation.send', targetType: 'case', targetId: null, detail: { count: caseIds.length, suppressed, caseIds } });
        }
        return { count: caseIds.length, suppressed };
      });
      result.invited += done.count - done.suppressed;
      result.suppressed += done.suppressed;
      if (batch.length < batchSize) break;
    }
    return result;
  }

  /**
   * Sends each due reminder once: the case still unrated, the link unused and unexpired, the
   * reminder time still right by the region's calendar now (a holiday added since moves it). An
   * invitation that needs none any more leaves the reminder index, so no run reads it again.
   */
  async remind(ctx: Ctx, now: Date, batchSize = 500): Promise<RemindResult> {
    if (ctx.actor.kind !== 'system') throw forbidden('reminders are sent by the scheduled job only');
    const region = this.regions();
    const result: RemindResult = { examined: 0, reminded: 0 };
    for (let afterId = 0; ; ) {
      const batch = await this.d.invitations.dueReminders(now, afterId, batchSize);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1]!.id;
      result.examined += batch.length;
      type Plan = { v: (typeof batch)[number] } & ({ act: 'drop' } | { act: 'postpone'; at: Date } | { act: 'send'; policy: EvaluationPolicy; defaultAt: Date });
      const plans: Plan[] = [];
      for (const v of batch) {
        const over = v.status !== 'invited' || v.rated || v.session_evaluation_id !== null || v.expires_at.getTime() <= now.getTime() || !v.phone_enc;
        if (over) {
          plans.push({ v, act: 'drop' });
          continue;
        }
        const { policy, calendar } = await region(v.region_code);
        const opensAt = opened(policy.policy, v);
        const remindAt = opensAt ? invitationReminderAt(calendar, policy.policy, opensAt) : null;
        const defaultAt = opensAt ? calendar.addWorkingDays(opensAt, policy.policy.defaultAfterWorkingDays) : null;
        if (!remindAt || !defaultAt || defaultAt.getTime() <= now.getTime()) plans.push({ v, act: 'drop' });
        else if (remindAt.getTime() > now.getTime()) plans.push({ v, act: 'postpone', at: remindAt });
        else plans.push({ v, act: 'send', policy: policy.policy, defaultAt });
      }
      result.reminded += await this.d.db.transaction().execute(async (trx) => {
        const reminded: number[] = [];
        for (const p of plans) {
          if (p.act !== 'send') {
            await this.d.invitations.reschedule(trx, p.v.id, p.act === 'postpone' ? p.at : null);
            continue;
          }
          if (!(await this.d.invitations.markReminded(trx, p.v.id, now))) continue;
          const link = await this.sameLink(trx, p.v);
          const body = renderSmsTemplate(p.policy.smsTemplates.reminder, { item: p.v.item_name, unit: p.v.unit_name, link, deadline: evaluationDeadlineText(p.defaultAt) });
          const sent = await this.d.sms.queue(trx, { phone: this.d.cipher.decrypt(p.v.phone_enc!), body, purpose: 'reminder', ref: `invitation:${p.v.id}` });
          await this.d.invitations.setReminderMessage(trx, p.v.id, sent.messageId);
          reminded.push(p.v.case_id);
        }
        if (reminded.length > 0) {
          await this.d.audit.append(trx, { ...auditActor(ctx), action: 'invitation.remind', targetType: 'case', targetId: null, detail: { count: reminded.length, caseIds: reminded } });
        }
        return reminded.length;
      });
      if (batch.length < batchSize) break;
    }
    return result;
  }

  /** Invitations and the delivery state of their messages, for staff who may read the case; phones masked. */
  async list(ctx: Ctx, f: { caseId?: number; beforeId?: number; limit: number }) {
    requirePermission(ctx, 'case.read');
    if (f.caseId !== undefined) {
      const c = await this.d.cases.find(f.caseId);
      if (!c) throw notFound('case', 'caseId');
      requireInScope(ctx, { regionCode: c.region_code, orgPath: c.org_path }, 'case');
    }
    return this.d.invitations.list(listScope(ctx), f);
  }

  /** Policy and calendar per region, each loaded once per run. */
  private regions(): (regionCode: string) => Promise<Region> {
    const cache = new Map<string, Promise<Region>>();
    return (regionCode) => {
      let r = cache.get(regionCode);
      if (!r) {
        r = Promise.all([this.d.evaluations.policyFor(regionCode), this.d.calendar.forRegion(regionCode)]).then(([policy, calendar]) => ({ policy, calendar }));
        cache.set(regionCode, r);
      }
      return r;
    };
  }
}

/** When evaluation of a case opened under the policy (evaluationOpensAt on the case's stage times). */
function opened(policy: EvaluationPolicy, c: { received_at: Date | null; accepted_at: Date | null; completed_at: Date | null }): Date | null {
  const stages: StageTimes = { received: c.received_at, accepted: c.accepted_at, completed: c.completed_at };
  return evaluationOpensAt(policy, stages);
}
