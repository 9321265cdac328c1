import { evaluationOpensAt, isBadLevel, type WorkingCalendar } from '@hcp/domain';
import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { EvaluationTable } from '../db/schema.ts';
import { forbidden } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import { auditActor, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import type { PolicyInForce } from './evaluation.service.ts';

export interface DefaultsDeps {
  db: Database;
  evaluations: EvaluationRepository;
  calendar: CalendarService;
  audit: AuditRepository;
  policyFor(regionCode: string): Promise<PolicyInForce>;
}

export interface DefaultsResult {
  /** Candidates looked at (completed, no first rating, old enough to possibly be due). */
  examined: number;
  recorded: number;
}

const DAY_MS = 86_400_000;

/**
 * The default rating (默认评价) run behind EvaluationService.recordDefaults: every completed case
 * whose evaluation opened at least its policy's defaultAfterWorkingDays working days before `now`
 * (its region's calendar) and that has no first rating gets policy.defaultLevel, kind 'default',
 * channel 'default', round 1 of visit 1, dated when its period ran out. Cases still in progress get
 * none, even where a region opens evaluation earlier: their applicant may still rate them.
 *
 * Idempotent, and safe with several instances at once: the (case, visit, round) unique slot decides,
 * so a second run, a concurrent one, or an active rating arriving meanwhile leaves one rating.
 */
export async function recordDefaultRatings(deps: DefaultsDeps, ctx: Ctx, now: Date, batchSize: number): Promise<DefaultsResult> {
  if (ctx.actor.kind !== 'system') throw forbidden('default ratings are recorded by the scheduled job only');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const result: DefaultsResult = { examined: 0, recorded: 0 };
  const latest = await deps.evaluations.latestPolicies();
  if (latest.length === 0) return result;
  // n working days always take more than n calendar days, so a case completed later than this
  // cannot be due yet — unless a region opens evaluation before completion, when it may be due at once.
  const opensEarly = latest.some((p) => p.policy.opensAt !== 'completed');
  const minDays = Math.min(...latest.map((p) => p.policy.defaultAfterWorkingDays));
  const completedBy = opensEarly ? now : new Date(now.getTime() - minDays * DAY_MS);

  // One run asks for each region's policy and calendar once.
  const policies = new Map<string, Promise<PolicyInForce>>();
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const once = <T>(m: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
    if (!m.has(key)) m.set(key, load());
    return m.get(key)!;
  };

  for (let afterId = 0; ; ) {
    const batch = await deps.evaluations.defaultCandidates(completedBy, afterId, batchSize);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    result.examined += batch.length;
    const due: Insertable<EvaluationTable>[] = [];
    for (const c of batch) {
      const p = await once(policies, c.region_code, () => deps.policyFor(c.region_code));
      const opensAt = evaluationOpensAt(p.policy, { received: c.received_at, accepted: c.accepted_at, completed: c.completed_at });
      if (!opensAt) continue;
      const calendar = await once(calendars, c.region_code, () => deps.calendar.forRegion(c.region_code));
      const defaultAt = calendar.addWorkingDays(opensAt, p.policy.defaultAfterWorkingDays);
      if (now.getTime() < defaultAt.getTime()) continue;
      const level = p.policy.defaultLevel;
      due.push({
        case_id: c.id,
        visit_no: 1,
        round: 1,
        kind: 'default',
        level,
        bad: isBadLevel(p.policy, level),
        channel: 'default',
        policy_id: p.id,
        real_name: false,
        scores: JSON.stringify({}),
        item_id: c.item_id,
        unit_id: c.unit_id,
        window_id: c.window_id,
        hall_id: c.hall_id,
        staff_id: c.staff_id,
        region_code: c.region_code,
        org_path: c.org_path,
        // When the period ran out, not when the job happened to run: a late run dates it correctly.
        submitted_at: defaultAt,
      });
    }
    if (due.length > 0) {
      const inserted = await deps.db.transaction().execute(async (trx) => {
        const rows = await deps.evaluations.insertDefaults(trx, due);
        if (rows.length > 0) {
          await deps.audit.append(trx, { ...auditActor(ctx), action: 'evaluation.default', targetType: 'evaluation', targetId: null, detail: { count: rows.length, caseIds: rows.map((r) => r.case_id) } });
        }
        return rows.length;
      });
      result.recorded += inserted;
    }
    if (batch.length < batchSize) break;
  }
  return result;
}
