import type { WorkingCalendar } from '@hcp/domain';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB, Evaluation, EvaluationTable } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { AuditEntry, AuditRepository } from '../repositories/audit.repository.ts';
import type { CaseContext, EvaluationRepository } from '../repositories/evaluation.repository.ts';
import { auditActor, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import type { EvaluationInput, PolicyInForce, RecordedEvaluation } from './evaluation.service.ts';
import type { BadRating, WorkOrderService } from './work-order.service.ts';

export type SameTransaction = (trx: Transaction<DB>, evaluationId: number) => Promise<void>;

/** What record() reads before it writes; loaded for a whole group at once. */
export interface RecordContext {
  case: CaseContext;
  policy: PolicyInForce;
  /** The evaluations the case already has for the submission's visit. */
  rounds: { id: number; round: number; kind: 'active' | 'default' }[];
}

/** The outcome of record()'s checks on its context: a row to insert, or the slot is taken. */
export type Checked =
  | {
      kind: 'write';
      row: Insertable<EvaluationTable> & { case_id: number; visit_no: number };
      result: Omit<RecordedEvaluation, 'id'>;
      /** Whether the rating opens a work order (整改工单) in its own transaction. */
      opensWorkOrder: boolean;
      auditDetail: Record<string, unknown>;
    }
  | { kind: 'taken'; error: AppError };

export interface WriterDeps {
  db: Database;
  evaluations: EvaluationRepository;
  calendar: CalendarService;
  audit: AuditRepository;
  workOrders: Pick<WorkOrderService, 'openForBadRatings'>;
  /** The policy version in force for each region, looked up together (`stamp`: EvaluationRepository.policyStamp). */
  policiesFor(regionCodes: string[], stamp: number): Promise<Map<string, PolicyInForce>>;
  /** record()'s checks, in their order, on the loaded context (throws AppError). */
  check(ctx: Ctx, input: EvaluationInput, k: RecordContext): Checked;
  /** The first answer to a retried submission (throws CONFLICT for a key reused for another rating). */
  replay(earlier: Evaluation, input: EvaluationInput): Promise<RecordedEvaluation>;
}

interface Pending {
  ctx: Ctx;
  input: EvaluationInput;
  inSameTransaction: SameTransaction | undefined;
  resolve(r: RecordedEvaluation): void;
  reject(err: unknown): void;
}

interface Ready {
  p: Pending;
  k: RecordContext;
  checked: Extract<Checked, { kind: 'write' }>;
  calendar: WorkingCalendar | undefined;
}

/** At most this many ratings go into one transaction (the insert then has ~30 × 250 parameters). */
const MAX_GROUP = 250;
/** Groups written at once: while one commits, the next reads what it needs. */
const MAX_IN_FLIGHT = 2;

/**
 * Group commit (组提交) of ratings: every record() call joins a queue; one group at a time is read
 * and written, so ratings arriving while a group commits go together into the next one. A group
 * costs a handful of queries and one transaction whatever its size: its cases, rounds and replays
 * are read with one query each, its rows go in with one INSERT, its audit records with one append.
 *
 * Each rating is still checked on its own and fails on its own: a check that fails rejects only
 * that rating; a rating whose slot was taken (a duplicate) gets ALREADY_EVALUATED or its replay;
 * when a rating's `inSameTransaction` or work order throws, the transaction is rolled back and
 * the group written again without it. Nothing is answered before the transaction has committed.
 * So `inSameTransaction` may run more than once (each time in a new transaction): it must keep
 * its effects inside `trx`. Two ratings of one case, or with one idempotency key, never share a
 * group: the later waits for the next, so it sees the first as if they came one after the other.
 *
 * At low load a group is one rating and this is the plain one-transaction write. Calling record()
 * from inside an `inSameTransaction` callback would wait for its own group: don't.
 */
export class EvaluationWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  /** Cases and idempotency keys of the groups being written: their next rating waits for them. */
  private readonly busyCases = new Set<number>();
  private readonly busyKeys = new Set<string>();

  constructor(private readonly d: WriterDeps) {}

  submit(ctx: Ctx, input: EvaluationInput, inSameTransaction?: SameTransaction): Promise<RecordedEvaluation> {
    return new Promise<RecordedEvaluation>((resolve, reject) => {
      this.queue.push({ ctx, input, inSameTransaction, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Whatever else arrives in this turn of the event loop joins the same group.
        setImmediate(() => {
          this.scheduled = false;
          this.fill();
        });
      }
    });
  }

  /** Starts groups while fewer than MAX_IN_FLIGHT are being written (one reads while the other commits). */
  private fill(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const group = this.takeGroup();
      if (group.length === 0) return;
      this.inFlight++;
      for (const p of group) {
        this.busyCases.add(p.input.caseId);
        if (p.input.idempotencyKey) this.busyKeys.add(p.input.idempotencyKey);
      }
      this.writeGroup(group)
        // A failure outside any one rating (the database went away): everyone in the group hears it.
        .catch((err: unknown) => group.forEach((p) => p.reject(err)))
        .finally(() => {
          this.inFlight--;
          for (const p of group) {
            this.busyCases.delete(p.input.caseId);
            if (p.input.idempotencyKey) this.busyKeys.delete(p.input.idempotencyKey);
          }
          this.fill();
        });
    }
  }

  /** The next group, in arrival order: one rating per case and per idempotency key, none of a group in flight. */
  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    const rest: Pending[] = [];
    const cases = new Set<number>();
    const keys = new Set<string>();
    for (const p of this.queue) {
      const { caseId, idempotencyKey: key } = p.input;
      if (group.length >= MAX_GROUP || cases.has(caseId) || this.busyCases.has(caseId) || (key && (keys.has(key) || this.busyKeys.has(key)))) {
        rest.push(p);
        continue;
      }
      cases.add(caseId);
      if (key) keys.add(key);
      group.push(p);
    }
    this.queue = rest;
    return group;
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    const d = this.d;
    // Retried submissions first: a key seen before answers with its first result.
    const keys = group.map((p) => p.input.idempotencyKey).filter((k): k is string => !!k);
    const caseIds = [...new Set(group.map((p) => p.input.caseId))];
    const [earlier, cases, rounds, stamp] = await Promise.all([
      keys.length ? d.evaluations.findByIdempotencyKeys(keys) : Promise.resolve([]),
      d.evaluations.caseContexts(caseIds),
      d.evaluations.roundsOfCases(caseIds),
      d.evaluations.policyStamp(),
    ]);
    const byKey = new Map(earlier.map((e) => [e.idempotency_key!, e]));
    const caseById = new Map(cases.map((c) => [c.id, c]));
    const live: Pending[] = [];
    for (const p of group) {
      const e = p.input.idempotencyKey ? byKey.get(p.input.idempotencyKey) : undefined;
      if (e) settle(p, d.replay(e, p.input));
      else if (!caseById.has(p.input.caseId)) p.reject(notFound('case'));
      else live.push(p);
    }
    if (live.length === 0) return;

    const policies = await d.policiesFor([...new Set(live.map((p) => caseById.get(p.input.caseId)!.region_code))], stamp);
    const ready: Ready[] = [];
    for (const p of live) {
      const c = caseById.get(p.input.caseId)!;
      const visitNo = p.input.visitNo ?? 1;
      const k: RecordContext = { case: c, policy: policies.get(c.region_code)!, rounds: rounds.filter((r) => r.case_id === c.id && r.visit_no === visitNo) };
      let checked: Checked;
      try {
        checked = d.check(p.ctx, p.input, k);
      } catch (err) {
        p.reject(err);
        continue;
      }
      if (checked.kind === 'taken') settle(p, this.takenMeanwhile(p, checked.error));
      else ready.push({ p, k, checked, calendar: undefined });
    }
    // Calendars are read before the transaction (PGlite has one connection), once per region.
    const calendars = new Map<string, Promise<WorkingCalendar>>();
    for (const r of ready) {
      const region = r.k.case.region_code;
      if (r.checked.opensWorkOrder && !calendars.has(region)) calendars.set(region, d.calendar.forRegion(region));
    }
    for (const r of ready) if (r.checked.opensWorkOrder) r.calendar = await calendars.get(r.k.case.region_code)!;
    if (ready.length > 0) await this.commit(ready);
  }

  /**
   * Writes the ready ratings in one transaction. Their `inSameTransaction` callbacks run together
   * (so their own statements can share one: coalesce.ts); if some refuse (an AppError), the
   * transaction is rolled back and the rest written again without them; any other failure, whose
   * cause cannot be told, has each rating written on its own.
   */
  private async commit(ready: Ready[]): Promise<void> {
    let pending = ready;
    while (pending.length > 0) {
      let culprits: { r: Ready; err: unknown }[] = [];
      try {
        const written = await this.d.db.transaction().execute(async (trx) => {
          const ids = await this.d.evaluations.insertMany(trx, pending.map((r) => r.checked.row));
          const done: { r: Ready; id: number }[] = [];
          for (const r of pending) {
            const id = ids.get(`${r.checked.row.case_id}:${r.checked.row.visit_no}`);
            if (id !== undefined) done.push({ r, id });
          }
          const outcomes = await Promise.allSettled(done.map(({ r, id }) => r.p.inSameTransaction?.(trx, id)));
          culprits = done.flatMap(({ r }, i) => (outcomes[i]!.status === 'rejected' ? [{ r, err: (outcomes[i] as PromiseRejectedResult).reason }] : []));
          if (culprits.length) throw culprits[0]!.err;
          // Every channel ends here, so every bad rating gets its order; failing to open one stores no rating.
          // Their audit records go into the group's one append, after those of the orders, as one rating alone would write them.
          const entries: AuditEntry[] = [];
          const bad = done.filter(({ r }) => r.checked.opensWorkOrder);
          if (bad.length > 0) {
            try {
              await this.d.workOrders.openForBadRatings(trx, bad.map(({ r, id }) => ({ ctx: r.p.ctx, rating: this.badRating(r, id) })), entries);
            } catch (err) {
              if (bad.length === 1) culprits = [{ r: bad[0]!.r, err }];
              throw err;
            }
          }
          entries.push(...done.map(({ r, id }) => ({ ...auditActor(r.p.ctx), action: 'evaluation.record', targetType: 'evaluation', targetId: id, detail: r.checked.auditDetail })));
          await this.d.audit.appendMany(trx, entries);
          return done;
        });
        const ids = new Map(written.map((w) => [w.r, w.id]));
        for (const r of pending) {
          const id = ids.get(r);
          if (id !== undefined) r.p.resolve({ id, ...r.checked.result });
          // Another submission took the slot at the same instant; a retry of this one gets its first answer.
          else settle(r.p, this.takenMeanwhile(r.p, new AppError('ALREADY_EVALUATED', `case ${r.k.case.case_no} was evaluated through another channel a moment ago`, 'caseId')));
        }
        return;
      } catch (err) {
        if (pending.length === 1) {
          pending[0]!.p.reject(culprits[0]?.err ?? err);
          return;
        }
        if (culprits.length && culprits.every((c) => c.err instanceof AppError)) {
          for (const c of culprits) c.r.p.reject(c.err);
          const out = new Set(culprits.map((c) => c.r));
          pending = pending.filter((r) => !out.has(r));
          continue;
        }
        // Not one rating's refusal (a failed statement aborts the whole transaction): each on its own.
        for (const r of pending) await this.commit([r]);
        return;
      }
    }
  }

  private badRating(r: Ready, evaluationId: number): BadRating {
    const c = r.k.case;
    const p = r.k.policy;
    return {
      evaluationId, caseId: c.id, unitId: c.unit_id, staffId: c.staff_id, regionCode: c.region_code, orgPath: c.org_path,
      submittedAt: r.checked.result.submittedAt, policyId: p.id, policy: p.policy, calendar: r.calendar!,
    };
  }

  /** A taken slot: the same submission may have committed between our first look and now. */
  private async takenMeanwhile(p: Pending, error: AppError): Promise<RecordedEvaluation> {
    const key = p.input.idempotencyKey;
    const earlier = key ? await this.d.evaluations.findByIdempotencyKey(key) : undefined;
    if (earlier) return this.d.replay(earlier, p.input);
    throw error;
  }
}

function settle(p: Pending, outcome: Promise<RecordedEvaluation>): void {
  outcome.then(p.resolve, p.reject);
}
