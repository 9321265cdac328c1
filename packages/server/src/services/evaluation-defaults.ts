import { evaluationOpensAt, isBadLevel, type WorkingCalendar } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { forbidden } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { DefaultCandidate, DefaultCursor, DueDefault, EvaluationRepository } from '../repositories/evaluation.repository.ts';
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
/** Cases changed this long before the previous run started are read again (clock skew between instances, long transactions). */
const CHANGED_MARGIN_MS = 3_600_000;
const WATERMARK = 'evaluations.default';
/** Batches written at once: the database does most of the work, and this lets it use two cores. */
const WRITERS = 2;

/**
 * The default rating (默认评价) run behind EvaluationService.recordDefaults: every completed case
 * whose evaluation opened at least its policy's defaultAfterWorkingDays working days before `now`
 * (its region's calendar) and that has no first rating gets policy.defaultLevel, kind 'default',
 * channel 'default', round 1 of visit 1, dated when its period ran out. Cases still in progress get
 * none, even where a region opens evaluation earlier: their applicant may still rate them.
 *
 * Idempotent, and safe with several instances at once: the (case, visit, round) unique slot decides,
 * so a second run, a concurrent one, or an active rating arriving meanwhile leaves one rating.
 *
 * Set-based and incremental, so a million due cases take seconds, not hours:
 * - a watermark (evaluation_default_watermarks) says up to which completion instant every case is
 *   settled (rated, defaulted, or not open to rating); a run reads only cases completed after it,
 *   in (completed_at, id) order by index, plus the cases changed since the previous run started
 *   (pushed late, or given their stages afterwards), by the index on updated_at;
 * - candidates come `batchSize` at a time (the next batch is read while up to two are written); the
 *   due date is counted in the process on each region's calendar, once per opening day; each batch's
 *   ratings go in with one INSERT … SELECT that takes the rated objects from the cases, in one
 *   transaction with one audit record for the batch;
 * - the new watermark stops just before the earliest case that was not due yet.
 */
export async function recordDefaultRatings(deps: DefaultsDeps, ctx: Ctx, now: Date, batchSize: number): Promise<DefaultsResult> {
  if (ctx.actor.kind !== 'system') throw forbidden('default ratings are recorded by the scheduled job only');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const result: DefaultsResult = { examined: 0, recorded: 0 };
  const runStartedAt = new Date();
  const latest = await deps.evaluations.latestPolicies();
  if (latest.length === 0) return result;
  // n working days always take more than n calendar days, so a case completed later than this
  // cannot be due yet — unless a region opens evaluation before completion, when it may be due at once.
  const opensEarly = latest.some((p) => p.policy.opensAt !== 'completed');
  const withReceived = latest.some((p) => p.policy.opensAt === 'received');
  const minDays = Math.min(...latest.map((p) => p.policy.defaultAfterWorkingDays));
  const completedBy = opensEarly ? now : new Date(now.getTime() - minDays * DAY_MS);

  const mark = await deps.evaluations.defaultWatermark(WATERMARK);
  const settledThrough = mark?.completed_through ?? null;

  // One run asks for each region's policy and calendar once, and for each opening day's due date once.
  const policies = new Map<string, Promise<PolicyInForce>>();
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const dueDates = new Map<string, Date>();
  const once = <T>(m: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
    if (!m.has(key)) m.set(key, load());
    return m.get(key)!;
  };
  /** The earliest completion among candidates not due yet: the watermark must stay below it. */
  let notDueFrom: number | null = null;

  /** The ratings due among a batch of candidates; notes the earliest case not due yet. */
  const dueAmong = async (batch: DefaultCandidate[]): Promise<DueDefault[]> => {
    result.examined += batch.length;
    const due: DueDefault[] = [];
    for (const c of batch) {
      const p = await once(policies, c.region_code, () => deps.policyFor(c.region_code));
      const opensAt = evaluationOpensAt(p.policy, { received: c.received_at, accepted: c.accepted_at, completed: c.completed_at });
      if (!opensAt) continue;
      // The due date depends on the Beijing day evaluation opened: counted once per region, day and rule.
      const day = Math.floor((opensAt.getTime() + 8 * 3_600_000) / DAY_MS);
      const key = `${c.region_code}|${day}|${p.id}`;
      let defaultAt = dueDates.get(key);
      if (!defaultAt) {
        const calendar = await once(calendars, c.region_code, () => deps.calendar.forRegion(c.region_code));
        defaultAt = calendar.addWorkingDays(opensAt, p.policy.defaultAfterWorkingDays);
        dueDates.set(key, defaultAt);
      }
      if (now.getTime() < defaultAt.getTime()) {
        const completed = c.completed_at.getTime();
        if (notDueFrom === null || completed < notDueFrom) notDueFrom = completed;
        continue;
      }
      const level = p.policy.defaultLevel;
      // Dated when the period ran out, not when the job happened to run: a late run dates it correctly.
      due.push({ caseId: c.id, level, bad: isBadLevel(p.policy, level), policyId: p.id, at: defaultAt });
    }
    return due;
  };

  const write = async (due: DueDefault[]) => {
    const recorded = await deps.db.transaction().execute(async (trx) => {
      const rows = await deps.evaluations.insertDefaults(trx, due);
      if (rows.length > 0) {
        await deps.audit.append(trx, { ...auditActor(ctx), action: 'evaluation.default', targetType: 'evaluation', targetId: null, detail: { count: rows.length, caseIds: rows.map((r) => r.case_id) } });
      }
      return rows.length;
    });
    // Added after the await: batches are written concurrently.
    result.recorded += recorded;
  };

  /**
   * Reads batches along one index and writes the due ratings of each, reading the next batch while
   * up to WRITERS batches are being written (each in its own transaction, on its own connection).
   */
  const scan = async (read: (after: DefaultCursor) => Promise<DefaultCandidate[]>, start: DefaultCursor) => {
    const writing = new Set<Promise<void>>();
    let failed: unknown;
    let next = read(start);
    for (;;) {
      const batch = await next;
      if (batch.length === 0) break;
      const last = batch[batch.length - 1]!;
      next = batch.length < batchSize ? Promise.resolve([]) : read({ at: last.cursor_at, id: last.id });
      const due = await dueAmong(batch);
      if (due.length === 0) continue;
      while (writing.size >= WRITERS) await Promise.race(writing);
      if (failed) break;
      const w: Promise<void> = write(due).catch((err: unknown) => void (failed ??= err)).finally(() => writing.delete(w));
      writing.add(w);
    }
    await Promise.all(writing);
    await next.catch(() => undefined);
    if (failed) throw failed;
  };

  // Cases completed since the watermark (everything, the first time).
  const beginning = { at: settledThrough ?? new Date(0), id: Number.MAX_SAFE_INTEGER };
  await scan((after) => deps.evaluations.defaultCandidatesCompleted(after, completedBy, batchSize, withReceived), beginning);
  // Cases at or below the watermark that changed since the previous run: pushed late, or completed afterwards.
  if (settledThrough && mark?.run_started_at) {
    const since = new Date(mark.run_started_at.getTime() - CHANGED_MARGIN_MS);
    await scan((after) => deps.evaluations.defaultCandidatesChanged(since, after, settledThrough, batchSize, withReceived), { at: since, id: Number.MAX_SAFE_INTEGER });
  }

  // Everything completed up to here is settled, but for the cases not due yet (read again next time).
  // (It may move back, when `now` does or a policy waits longer: that only means reading more next time.)
  const through = notDueFrom === null ? completedBy.getTime() : Math.min(completedBy.getTime(), (notDueFrom as number) - 1);
  await deps.evaluations.saveDefaultWatermark(WATERMARK, new Date(through), runStartedAt);
  return result;
}
