import { randomBytes } from 'node:crypto';
import { maskPhone, parseReportPeriod, SAMPLE_SEED_PATTERN, seededSample, startOfShanghaiDay, type ReportPeriodKind } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { RevisitSample, RevisitTask } from '../db/schema.ts';
import { conflict, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { PopulationRow, RevisitRepository } from '../repositories/revisit.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface DrawRequest {
  regionCode: string;
  periodKind: ReportPeriodKind;
  /** '2026-10' or '2026-Q4'. */
  period: string;
  size: number;
  /** Chosen by the caller to redraw a known sample, else a random one; stored with the sample. */
  seed?: string | undefined;
  /** Only show whom the seed would draw; nothing is stored. */
  preview?: boolean | undefined;
}

export interface SampleResults {
  tasks: number;
  pending: number;
  reached: number;
  notReached: number;
  /** Answers by satisfaction level 5…1 (reached calls). */
  bySatisfaction: Record<'1' | '2' | '3' | '4' | '5', number>;
  /** Mean satisfaction of reached calls (5…1), null without any. */
  meanSatisfaction: number | null;
  /** Share of reached calls with satisfaction 4 or 5 (满意率), null without any. */
  satisfiedRate: number | null;
  /** Share of answered calls that reached the evaluator (回访成功率), null before any answer. */
  reachRate: number | null;
}

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
const MAX_SAMPLE = 10_000;

/**
 * 监督查评 (seed 003 §17, DOMAIN.md §6): each period a reproducible random sample of evaluators —
 * ratings with a phone — becomes revisit tasks for the 12345 operators, who record whether they reached
 * the evaluator and how satisfied they are. Phones are shown masked; an operator who must dial reads
 * the number through the case's audited unmask (POST /api/cases/:id/unmask). Answers feed the
 * campaign's revisit channel (回访抽测) in the quarter they were given.
 */
export class RevisitService {
  constructor(
    private readonly db: Database,
    private readonly revisits: RevisitRepository,
    private readonly regions: RegionRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async draw(ctx: Ctx, r: DrawRequest) {
    requirePermission(ctx, 'revisit.sample');
    const region = await this.regions.find(r.regionCode);
    if (!region) throw unknownReference('regionCode', 'no such region');
    requireInScope(ctx, { regionCode: region.code }, 'region');
    const period = parseReportPeriod(r.periodKind, r.period);
    if (!period) throw invalid('period', r.periodKind === 'month' ? 'a month YYYY-MM' : 'a quarter YYYY-Qn');
    if (startOfShanghaiDay(period.from).getTime() > this.now().getTime()) throw invalid('period', 'has not begun yet');
    if (!Number.isInteger(r.size) || r.size < 1 || r.size > MAX_SAMPLE) throw invalid('size', `1 to ${MAX_SAMPLE}`);
    const seed = r.seed ?? randomBytes(8).toString('hex');
    if (!SAMPLE_SEED_PATTERN.test(seed)) throw invalid('seed', '1–64 letters, digits, - or _');
    const population = await this.revisits.population(region.code, startOfShanghaiDay(period.from), startOfShanghaiDay(period.to));
    const drawn = seededSample(population, r.size, seed);
    if (r.preview) return { preview: true as const, seed, population: population.length, evaluationIds: drawn.map((p) => p.evaluation_id) };

    const sample = await this.db.transaction().execute(async (trx) => {
      const s = await this.revisits.insertSample(trx, {
        region_code: region.code, period_kind: period.kind, period_key: period.key, period_from: period.from, period_to: period.to,
        seed, requested_size: r.size, population: population.length, created_by: userIdOf(ctx),
      });
      if (!s) return undefined;
      await this.revisits.insertTasks(trx, drawn.map((p) => this.taskRow(s.id, p)));
      // The seed and sizes let anyone redraw the sample; phones never go into the audit log.
      await this.audit.append(trx, { ...auditActor(ctx), action: 'revisit.sample', targetType: 'revisit_sample', targetId: s.id, detail: { regionCode: region.code, period: period.key, seed, size: r.size, population: population.length, drawn: drawn.length } });
      return s;
    });
    if (!sample) throw conflict(`a sample of ${period.key} has been drawn for ${region.name} already`, 'period');
    return { preview: false as const, sample, tasks: drawn.length };
  }

  private taskRow(sampleId: number, p: PopulationRow) {
    return {
      sample_id: sampleId, evaluation_id: p.evaluation_id, case_id: p.case_id, unit_id: p.unit_id, window_id: p.window_id,
      region_code: p.region_code, org_path: p.org_path, phone_masked: maskPhone(this.cipher.decrypt(p.evaluator_phone_enc)),
    };
  }

  list(ctx: Ctx, f: { regionCode?: string | undefined; limit: number; offset: number }) {
    requirePermission(ctx, 'revisit.read');
    return this.revisits.listSamples(listScope(ctx), { limit: f.limit, offset: f.offset, ...(f.regionCode ? { regionCode: f.regionCode } : {}) });
  }

  async get(ctx: Ctx, id: number): Promise<{ sample: RevisitSample; results: SampleResults }> {
    requirePermission(ctx, 'revisit.read');
    const sample = await this.sampleInScope(ctx, id);
    return { sample, results: await this.results(id) };
  }

  /**
   * Redraws the sample from its stored seed over the data as it is now, and says whether the same
   * evaluators come out: the check that nobody chose whom to call. Ratings given or excluded since
   * the draw change the population, and the answer says so.
   */
  async verify(ctx: Ctx, id: number) {
    requirePermission(ctx, 'revisit.read');
    const sample = await this.sampleInScope(ctx, id);
    const population = await this.revisits.population(sample.region_code, startOfShanghaiDay(sample.period_from), startOfShanghaiDay(sample.period_to));
    const redrawn = seededSample(population, sample.requested_size, sample.seed).map((p) => p.evaluation_id);
    const stored = await this.revisits.sampledEvaluations(id);
    return { seed: sample.seed, populationThen: sample.population, populationNow: population.length, matches: redrawn.length === stored.length && redrawn.every((e, i) => e === stored[i]) };
  }

  tasks(ctx: Ctx, f: { sampleId?: number | undefined; status?: RevisitTask['status'] | undefined; limit: number; offset: number }) {
    requirePermission(ctx, 'revisit.read');
    return this.revisits.listTasks(listScope(ctx), { limit: f.limit, offset: f.offset, ...(f.sampleId ? { sampleId: f.sampleId } : {}), ...(f.status ? { status: f.status } : {}) });
  }

  /**
   * Records the call: reached with a satisfaction 1–5, or not reached. A retry of the same answer
   * returns the task as answered; a different second answer is a conflict (answers are not edited).
   */
  async answer(ctx: Ctx, id: number, a: { reached: boolean; satisfaction?: number | undefined; remarks?: string | undefined }) {
    requirePermission(ctx, 'revisit.answer');
    const task = await this.revisits.findTask(id);
    if (!task) throw notFound('revisit task', 'id');
    requireInScope(ctx, { regionCode: task.region_code, orgPath: task.org_path }, 'revisit task');
    if (a.reached && (a.satisfaction === undefined || !Number.isInteger(a.satisfaction) || a.satisfaction < 1 || a.satisfaction > 5)) {
      throw invalid('satisfaction', 'a reached evaluator’s satisfaction, 1 (非常不满意) to 5 (非常满意)');
    }
    if (!a.reached && a.satisfaction !== undefined) throw invalid('satisfaction', 'only for a reached evaluator');
    const status = a.reached ? 'reached' : 'not_reached';
    const satisfaction = a.reached ? a.satisfaction! : null;
    if (task.status !== 'pending') {
      if (task.status === status && task.satisfaction === satisfaction) return task;
      throw conflict('this call has been recorded already with another answer', 'reached');
    }
    const remarks = a.remarks?.trim() || null;
    const updated = await this.db.transaction().execute(async (trx) => {
      const row = await this.revisits.answer(trx, id, task.version, { status, satisfaction, remarks, answered_by: userIdOf(ctx), answered_at: this.now() });
      if (!row) return undefined;
      await this.audit.append(trx, { ...auditActor(ctx), action: 'revisit.answer', targetType: 'revisit_task', targetId: id, detail: { sampleId: task.sample_id, reached: a.reached, satisfaction } });
      return row;
    });
    if (updated) return updated;
    const now = (await this.revisits.findTask(id))!;
    if (now.status === status && now.satisfaction === satisfaction) return now;
    throw conflict('this call was recorded by someone else a moment ago', 'reached');
  }

  private async results(sampleId: number): Promise<SampleResults> {
    const rows = await this.revisits.results(sampleId);
    const by = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } as SampleResults['bySatisfaction'];
    let pending = 0;
    let reached = 0;
    let notReached = 0;
    let sum = 0;
    for (const r of rows) {
      const n = Number(r.n);
      if (r.status === 'pending') pending += n;
      else if (r.status === 'not_reached') notReached += n;
      else {
        reached += n;
        by[String(r.satisfaction) as keyof typeof by] += n;
        sum += n * r.satisfaction!;
      }
    }
    const answered = reached + notReached;
    return {
      tasks: pending + answered, pending, reached, notReached, bySatisfaction: by,
      meanSatisfaction: reached ? sum / reached : null,
      satisfiedRate: reached ? (by['4'] + by['5']) / reached : null,
      reachRate: answered ? reached / answered : null,
    };
  }

  private async sampleInScope(ctx: Ctx, id: number) {
    const sample = await this.revisits.findSample(id);
    if (!sample) throw notFound('revisit sample', 'id');
    requireInScope(ctx, { regionCode: sample.region_code }, 'revisit sample');
    return sample;
  }
}
