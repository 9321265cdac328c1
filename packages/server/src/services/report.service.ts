import { createHash } from 'node:crypto';
import {
  parseReportPeriod,
  previousReportPeriod,
  REPORT_PERIOD_KINDS,
  regionLevelOf,
  shanghaiDateOf,
  startOfShanghaiDay,
  type RankingPolicy,
  type ReportPeriod,
  type ReportPeriodKind,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { Report, ReportStatus } from '../db/schema.ts';
import { renderRegionReport } from '../documents/region-report.ts';
import type { RenderedFile } from '../documents/campaign-report.ts';
import { AppError, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { JobRepository } from '../repositories/job.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { ReportFileRow, ReportRepository } from '../repositories/report.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, systemCtx, type Ctx } from './actor.ts';
import { computeReportFigures, type FigureSources, type ReportFigures } from './report-figures.ts';

export type ReportRenderer = (f: ReportFigures, format: 'xlsx' | 'pdf') => Promise<RenderedFile>;

export const REPORT_FORMATS = ['xlsx', 'pdf'] as const;
/** Attempts of one generation before the report is marked failed. */
export const REPORT_MAX_ATTEMPTS = 3;
/** Region levels that get scheduled reports: province, city, county (省、市、县). */
const SCHEDULED_MAX_LEVEL = 3;

export interface ReportServiceDeps {
  db: Database;
  reports: ReportRepository;
  regions: RegionRepository;
  jobs: JobRepository;
  audit: AuditRepository;
  figures: FigureSources;
  /** The fair-ranking rules in force for a region (its evaluation policy). */
  rankingFor: (regionCode: string) => Promise<RankingPolicy>;
  render?: ReportRenderer;
  now?: () => Date;
}

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/**
 * Reports (通报, DOMAIN.md §6): monthly and quarterly per region, as XLSX and PDF. A report row is
 * created pending and a job generates it (on schedule at the start of each month and quarter, or on
 * demand); a failed attempt is recorded on the row and retried by the job queue, and after the last
 * attempt the row says failed with the error. The files are written only with a successful
 * generation, in the one transaction that marks the report ready: never half a report.
 */
export class ReportService {
  private readonly render: ReportRenderer;
  private readonly now: () => Date;

  constructor(private readonly d: ReportServiceDeps) {
    this.render = d.render ?? renderRegionReport;
    this.now = d.now ?? (() => new Date());
  }

  /**
   * Asks for the report of a region and period. A new one is queued; an existing one is returned as
   * it is, or queued again with `regenerate` (its old files stay downloadable until the new ones are ready).
   */
  async request(ctx: Ctx, r: { regionCode: string; periodKind: ReportPeriodKind; period: string; regenerate?: boolean | undefined }): Promise<{ report: Report; queued: boolean }> {
    requirePermission(ctx, 'report.generate');
    const region = await this.d.regions.find(r.regionCode);
    if (!region) throw unknownReference('regionCode', 'no such region');
    requireInScope(ctx, { regionCode: region.code }, 'region');
    const period = this.period(r.periodKind, r.period);
    const by = { trigger: 'on_demand' as const, requestedBy: userIdOf(ctx) };
    const result = await this.d.db.transaction().execute(async (trx) => {
      const created = await this.d.reports.insertPending(trx, this.newRow(region.code, period, by));
      if (created) return { report: await this.enqueue(trx, created), queued: true };
      const existing = (await this.d.reports.findByPeriod(region.code, period.kind, period.key, trx))!;
      if (!r.regenerate || existing.status === 'pending' || existing.status === 'retrying') return { report: existing, queued: false };
      return { report: await this.enqueue(trx, await this.d.reports.requeue(trx, existing.id, by)), queued: true };
    });
    if (result.queued) {
      await this.d.db.transaction().execute((trx) =>
        this.d.audit.append(trx, { ...auditActor(ctx), action: 'report.request', targetType: 'report', targetId: result.report.id, detail: { regionCode: region.code, period: period.key, regenerate: !!r.regenerate } }),
      );
    }
    return result;
  }

  list(ctx: Ctx, f: { regionCode?: string | undefined; periodKind?: ReportPeriodKind | undefined; status?: ReportStatus | undefined; limit: number; offset: number }) {
    requirePermission(ctx, 'report.read');
    return this.d.reports.list(listScope(ctx), {
      limit: f.limit, offset: f.offset,
      ...(f.regionCode ? { regionCode: f.regionCode } : {}), ...(f.periodKind ? { periodKind: f.periodKind } : {}), ...(f.status ? { status: f.status } : {}),
    });
  }

  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'report.read');
    const report = await this.findInScope(ctx, id);
    return { report, files: await this.d.reports.fileFormats(id) };
  }

  /** A file of a ready report, as stored when it was generated. */
  async file(ctx: Ctx, id: number, format: 'xlsx' | 'pdf'): Promise<RenderedFile> {
    requirePermission(ctx, 'report.read');
    const report = await this.findInScope(ctx, id);
    if (report.status !== 'ready') throw new AppError('CONFLICT', `the report is ${report.status}, not ready${report.error ? `: ${report.error}` : ''}`, 'id');
    const f = await this.d.reports.file(id, format);
    if (!f) throw notFound('report file', 'format');
    return { bytes: Buffer.from(f.bytes), contentType: f.content_type, filename: `report-${report.region_code.replace(/0+$/, '')}-${report.period_key}.${format}` };
  }

  /**
   * The scheduled run (hourly; idempotent): at the start of a month and of a quarter, queues the report
   * of the period just ended for every province, city and county that had ratings in it, and queues
   * again any report of that period generated before the period had ended.
   */
  async plan(): Promise<number[]> {
    const now = this.now();
    const today = shanghaiDateOf(now);
    const queued: number[] = [];
    for (const kind of REPORT_PERIOD_KINDS) {
      const period = previousReportPeriod(kind, today);
      const end = startOfShanghaiDay(period.to);
      const regions = new Set([...(await this.regionsToReport(startOfShanghaiDay(period.from), end)), ...(await this.d.reports.regionsWithReport(period.kind, period.key))]);
      for (const code of [...regions].sort()) {
        const by = { trigger: 'schedule' as const, requestedBy: null };
        const id = await this.d.db.transaction().execute(async (trx) => {
          const created = await this.d.reports.insertPending(trx, this.newRow(code, period, by));
          if (created) return (await this.enqueue(trx, created)).id;
          const existing = (await this.d.reports.findByPeriod(code, period.kind, period.key, trx))!;
          const stale = existing.status === 'ready' && existing.generated_at !== null && existing.generated_at.getTime() < end.getTime();
          if (!stale) return undefined;
          return (await this.enqueue(trx, await this.d.reports.requeue(trx, existing.id, by))).id;
        });
        if (id !== undefined) queued.push(id);
      }
    }
    return queued;
  }

  /**
   * One attempt of the job `reports.generate`. On failure the row says retrying (or failed, after the
   * last attempt) with the error, and the error is thrown again so the queue retries with backoff.
   */
  async generate(reportId: number, attempt: number, maxAttempts: number): Promise<void> {
    const report = await this.d.reports.find(reportId);
    if (!report || report.status === 'ready') return;
    try {
      const region = (await this.d.regions.find(report.region_code))!;
      const period = this.period(report.period_kind, report.period_key);
      const at = this.now();
      const figures = await computeReportFigures(this.d.figures, { code: region.code, name: region.name }, period, await this.d.rankingFor(region.code), at);
      const files: ReportFileRow[] = [];
      for (const format of REPORT_FORMATS) {
        const out = await this.render(figures, format);
        files.push({ format, contentType: out.contentType, bytes: out.bytes, sha256: createHash('sha256').update(out.bytes).digest('hex') });
      }
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.reports.saveReady(trx, reportId, { figures: figures as unknown as Record<string, unknown>, formulaVersion: figures.formulaVersion, attempts: attempt, files, at });
        await this.d.audit.append(trx, {
          ...auditActor(systemCtx('reports.generate')), action: 'report.generate', targetType: 'report', targetId: reportId,
          detail: { regionCode: report.region_code, period: report.period_key, attempt, files: files.map((f) => ({ format: f.format, sha256: f.sha256, size: f.bytes.length })) },
        });
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await this.d.reports.markFailed(reportId, attempt >= maxAttempts ? 'failed' : 'retrying', attempt, message);
      throw e;
    }
  }

  private async regionsToReport(from: Date, to: Date): Promise<string[]> {
    const codes = new Set<string>();
    for (const c of await this.d.reports.ratedRegionCodes(from, to)) {
      // A 12-digit code's province, city and county: its first 2, 4 and 6 digits.
      for (const digits of [2, 4, 6]) codes.add(c.slice(0, digits).padEnd(12, '0'));
    }
    const found = await this.d.reports.existingRegions([...codes]);
    return found.filter((r) => r.level <= SCHEDULED_MAX_LEVEL && regionLevelOf(r.code) <= SCHEDULED_MAX_LEVEL).map((r) => r.code).sort();
  }

  private newRow(regionCode: string, p: ReportPeriod, by: { trigger: 'schedule' | 'on_demand'; requestedBy: number | null }) {
    return { region_code: regionCode, period_kind: p.kind, period_key: p.key, period_from: p.from, period_to: p.to, status: 'pending' as const, trigger: by.trigger, requested_by: by.requestedBy };
  }

  private async enqueue(trx: Executor, report: Report): Promise<Report> {
    await this.d.jobs.enqueue(trx, { kind: 'reports.generate', payload: { reportId: report.id }, dedupeKey: `report:${report.id}:${report.updated_at.getTime()}`, maxAttempts: REPORT_MAX_ATTEMPTS });
    return report;
  }

  private period(kind: ReportPeriodKind, key: string): ReportPeriod {
    const p = parseReportPeriod(kind, key);
    if (!p) throw invalid('period', kind === 'month' ? 'a month YYYY-MM' : 'a quarter YYYY-Qn');
    if (startOfShanghaiDay(p.from).getTime() > this.now().getTime()) throw invalid('period', 'has not begun yet');
    return p;
  }

  private async findInScope(ctx: Ctx, id: number): Promise<Report> {
    const r = await this.d.reports.find(id);
    if (!r) throw notFound('report', 'id');
    requireInScope(ctx, { regionCode: r.region_code }, 'report');
    return r;
  }
}
