import { addDays, isValidLocalDate, startOfShanghaiDay } from '@hcp/domain';
import ExcelJS from 'exceljs';
import type { Database } from '../db/database.ts';
import { invalid } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { RealNameFilter, RealNameReportRepository } from '../repositories/real-name-report.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface RealNameQuery {
  /** First day, YYYY-MM-DD (Beijing). */
  from: string;
  /** Last day, YYYY-MM-DD (Beijing), inclusive. */
  to: string;
  /** A normalised 12-digit region code: its subtree only. */
  regionCode?: string;
}

/** Longest period of one report; a leap year fits. */
export const REAL_NAME_MAX_DAYS = 366;
/** Most rows of one XLSX file; a province's year of real-name bad ratings fits well within it. */
const XLSX_MAX_ROWS = 100_000;
const PAGE = 1000;

type Row = Awaited<ReturnType<RealNameReportRepository['rows']>>[number];

const STATE_ZH: Record<string, string> = {
  opened: '待分派', assigned: '已分派', verifying: '核实中', decided: '已研判', rectified: '已整改', feedback_given: '已反馈',
  closed_resolved: '已办结', closed_unresolved: '未解决', closed_appeal_upheld: '申诉成立', closed_unrectifiable: '无法整改',
};
const DECISION_ZH: Record<string, string> = { fix_now: '立行立改', fix_by_deadline: '限期整改', explain: '解释说明' };
const EXCLUDED_ZH: Record<string, string> = { mistaken: '误评', malicious: '恶意差评' };

/** The report's period as instants: from the first day's start to the end of the last, in Beijing. */
function period(q: RealNameQuery): { from: Date; to: Date } {
  for (const f of ['from', 'to'] as const) if (!isValidLocalDate(q[f])) throw invalid(f, `${q[f]} is not a date YYYY-MM-DD`);
  const from = startOfShanghaiDay(q.from);
  const to = startOfShanghaiDay(addDays(q.to, 1));
  if (to.getTime() <= from.getTime()) throw invalid('to', 'the last day comes on or after the first');
  if (to.getTime() - from.getTime() > REAL_NAME_MAX_DAYS * 86_400_000) throw invalid('to', `a period of at most ${REAL_NAME_MAX_DAYS} days`);
  return { from, to };
}

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 10_000) / 10_000);

/**
 * Real-name bad ratings tracked to 100 % (实名差评回访整改率 100%, seeds 000 and 004): every real-name
 * bad rating of a period in the viewer's scope, with its order's revisit and rectification state and a
 * flag on each one not closed, the totals and rates, and the same as an XLSX file. Ratings excluded by
 * an upheld appeal stay listed (marked) but leave the rates, as they leave every statistic.
 */
export class RealNameReportService {
  constructor(
    private readonly db: Database,
    private readonly repo: RealNameReportRepository,
    private readonly audit: AuditRepository,
  ) {}

  private filter(ctx: Ctx, q: RealNameQuery): RealNameFilter {
    requirePermission(ctx, 'workorder.read');
    const p = period(q);
    if (q.regionCode) requireInScope(ctx, { regionCode: q.regionCode }, 'region');
    return { ...p, ...(q.regionCode ? { regionCode: q.regionCode } : {}) };
  }

  async report(ctx: Ctx, q: RealNameQuery & { limit: number; offset: number }) {
    const f = this.filter(ctx, q);
    const scope = listScope(ctx);
    const t = await this.repo.totals(scope, f);
    const rows = await this.repo.rows(scope, f, { limit: q.limit, offset: q.offset });
    return { from: f.from, to: f.to, totals: withRates(t), items: rows.map(item) };
  }

  /** The whole report as an XLSX workbook (a sheet of ratings, a sheet of totals); audited as an export. */
  async xlsx(ctx: Ctx, q: RealNameQuery): Promise<{ filename: string; body: Buffer }> {
    const f = this.filter(ctx, q);
    const scope = listScope(ctx);
    const t = withRates(await this.repo.totals(scope, f));
    if (t.count > XLSX_MAX_ROWS) throw invalid('to', `more than ${XLSX_MAX_ROWS} ratings: choose a shorter period or a region`);
    await this.db.transaction().execute((trx) =>
      this.audit.append(trx, { ...auditActor(ctx), action: 'workorder.real_name_export', targetType: 'evaluation', targetId: null, detail: { from: q.from, to: q.to, regionCode: q.regionCode ?? null, count: t.count } }),
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('实名差评');
    const header = ['评价编号', '评价时间', '办件编号', '服务事项', '单位', '行政区划', '满意度', '渠道', '工单编号', '工单状态', '处理方式', '复核轮次', '整改时间', '回访时间', '回访结果', '办结时间', '不予采纳', '未办结'];
    ws.addRow(header);
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.repo.rows(scope, f, { limit: PAGE, offset });
      for (const r of page.map(item)) {
        ws.addRow([
          r.evaluationId, beijing(r.submittedAt), r.caseNo, r.itemName, r.unitName, r.regionCode, r.level, r.channel,
          r.workOrderId ?? '', r.state ? STATE_ZH[r.state] ?? r.state : '无工单', r.decision ? DECISION_ZH[r.decision] ?? r.decision : '',
          r.reviewRound ?? '', beijing(r.rectifiedAt), beijing(r.revisitedAt), r.revisitResult === 'satisfied' ? '满意' : r.revisitResult === 'unsatisfied' ? '不满意' : '',
          beijing(r.closedAt), r.excludedAs ? EXCLUDED_ZH[r.excludedAs] ?? r.excludedAs : '', r.notClosed ? '是' : '',
        ]);
      }
      if (page.length < PAGE) break;
    }
    ws.columns.forEach((col, i) => {
      col.width = Math.max(10, [...(header[i] ?? '')].length * 2.2);
    });
    const sum = wb.addWorksheet('汇总');
    sum.addRows([
      ['统计期间', `${q.from} 至 ${q.to}`],
      ['行政区划', q.regionCode ?? '本人数据范围'],
      ['实名差评数', t.count],
      ['不予采纳（误评、恶意差评）', t.excluded],
      ['应跟踪数', t.tracked],
      ['已办结', t.closed],
      ['已回访', t.revisited],
      ['已整改', t.rectified],
      ['未办结', t.notClosed],
      ['办结率', t.closedRate ?? '—'],
      ['回访率', t.revisitRate ?? '—'],
      ['整改率', t.rectifyRate ?? '—'],
    ]);
    sum.getColumn(1).width = 28;
    sum.getColumn(2).width = 28;
    return { filename: `real-name-bad-ratings-${q.from}-${q.to}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}

function withRates(t: Awaited<ReturnType<RealNameReportRepository['totals']>>) {
  const trackedCount = t.count - t.excluded;
  return { ...t, tracked: trackedCount, closedRate: rate(t.closed, trackedCount), revisitRate: rate(t.revisited, trackedCount), rectifyRate: rate(t.rectified, trackedCount) };
}

function item(r: Row) {
  return {
    evaluationId: r.evaluation_id,
    submittedAt: r.submitted_at,
    caseNo: r.case_no,
    itemName: r.item_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    regionCode: r.region_code,
    level: r.level,
    channel: r.channel,
    excludedAs: r.excluded_as,
    workOrderId: r.work_order_id,
    state: r.state,
    decision: r.decision,
    reviewRound: r.review_round,
    rectifiedAt: r.rectified_at ? new Date(r.rectified_at) : null,
    revisitedAt: r.revisited_at ? new Date(r.revisited_at) : null,
    revisitResult: r.revisit_result === 'revisit_satisfied' ? ('satisfied' as const) : r.revisit_result ? ('unsatisfied' as const) : null,
    closedAt: r.closed_at,
    /** Not closed: the 100 % target is not met for this rating yet (no order, or its order still open). */
    notClosed: r.closed_at === null,
  };
}

/** An instant as Beijing wall-clock text for the spreadsheet, empty when there is none. */
function beijing(d: Date | null): string {
  if (!d) return '';
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export type RealNameItem = ReturnType<typeof item>;
