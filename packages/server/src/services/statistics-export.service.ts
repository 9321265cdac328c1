import { EVALUATION_CHANNEL_INFO, type EvaluationChannel, type Metrics } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { XlsxWriter, type Cell, type SheetColumn } from '../documents/xlsx.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { auditActor, type Ctx } from './actor.ts';
import type { RankingQuery, SliceQuery, StatisticsQuery, StatisticsService } from './statistics.service.ts';

export interface ExportFile {
  filename: string;
  body: Buffer;
}

const PCT = '0.00%';
const SCORE = '0.00';

/** The columns of a statistics table: a group's ratings, cases and work orders (docs/domain/metrics.md). */
const METRIC_COLUMNS: SheetColumn[] = [
  { header: '评价数' },
  { header: '占比', numFmt: PCT },
  { header: '非常满意' },
  { header: '满意' },
  { header: '基本满意' },
  { header: '不满意' },
  { header: '非常不满意' },
  { header: '好评率', numFmt: PCT },
  { header: '差评率', numFmt: PCT },
  { header: '满意度', numFmt: SCORE },
  { header: '办结办件数' },
  { header: '主动评价率', numFmt: PCT },
  { header: '默认评价率', numFmt: PCT },
  { header: '未评率', numFmt: PCT },
  { header: '差评工单数' },
  { header: '差评整改率', numFmt: PCT },
  { header: '差评回复率', numFmt: PCT },
  { header: '回访率', numFmt: PCT },
  { header: '回访满意率', numFmt: PCT },
  { header: '超期工单数' },
];

function metricCells(count: number, share: number | null, m: Metrics | null): Cell[] {
  if (!m) return [count, share, ...Array(METRIC_COLUMNS.length - 2).fill(null)];
  const r = m.ratings;
  const p = m.participation;
  const o = m.workOrders;
  return [
    count, share, r.byLevel[5], r.byLevel[4], r.byLevel[3], r.byLevel[2], r.byLevel[1], r.goodRate, r.badRate, r.satisfactionScore,
    p?.completedCases ?? null, p?.activeRate ?? null, p?.defaultRate ?? null, p?.unratedRate ?? null,
    o.counted, o.rectificationRate, o.replyRate, o.revisitRate, o.revisitSatisfactionRate, o.overdue,
  ];
}

const GROUP_NAMES: Record<string, string> = {
  channel: '评价渠道', unit: '单位', window: '窗口', staff: '工作人员', item: '服务事项', region: '行政区划', day: '日期', month: '月份', level: '评价等级',
};
const RANKING_NAMES: Record<string, string> = { unit: '单位', window: '窗口', staff: '工作人员', item: '服务事项', region: '行政区划' };

/** The slice asked for, as the overview sheet names it. */
function sliceLines(q: SliceQuery): [string, Cell][] {
  const lines: [string, Cell][] = [];
  if (q.regionCode) lines.push(['行政区划代码', q.regionCode]);
  if (q.orgId) lines.push(['机构编号', q.orgId]);
  if (q.windowId) lines.push(['窗口编号', q.windowId]);
  if (q.staffId) lines.push(['工作人员编号', q.staffId]);
  if (q.itemCode) lines.push(['服务事项编码', q.itemCode]);
  if (q.channel) lines.push(['评价渠道', EVALUATION_CHANNEL_INFO[q.channel as EvaluationChannel]?.zh ?? q.channel]);
  return lines;
}

/**
 * The console's statistics and ranking tables as XLSX (`GET /api/statistics/export`,
 * `GET /api/rankings/export`): the same query through StatisticsService, so the same permission,
 * data scope, clerk delay and numbers as the JSON, with an overview sheet naming the period, the
 * slice and the formula version. Numbers are stored as numbers with a display format. Audited.
 */
export class StatisticsExportService {
  constructor(
    private readonly db: Database,
    private readonly statistics: StatisticsService,
    private readonly audit: AuditRepository,
  ) {}

  async statisticsXlsx(ctx: Ctx, q: StatisticsQuery): Promise<ExportFile> {
    const r = await this.statistics.query(ctx, q);
    const groupBy = r.groupBy ?? 'none';
    const xlsx = new XlsxWriter({ title: '评价统计' });
    xlsx.keyValueSheet('说明', '政务服务“好差评”评价统计', [
      ['统计期间', `${r.period.from} 至 ${r.period.to}（${r.period.days} 天）`],
      ...(r.period.visibleThrough ? ([['计入截至', r.period.visibleThrough]] as [string, Cell][]) : []),
      ['评价类型', r.kind === 'active' ? '主动评价' : '默认评价'],
      ['分组', groupBy === 'none' ? '不分组' : GROUP_NAMES[groupBy] ?? groupBy],
      ...sliceLines(q),
      ['公式版本', r.formulaVersion],
      ['数据来源', r.sources.join(', ')],
    ]);
    const rows: Cell[][] = r.groups.map((g) => [g.key, g.label, ...metricCells(g.count, g.share, g.metrics)]);
    rows.push(['合计', null, ...metricCells(r.total.ratings.total, r.total.ratings.total > 0 ? 1 : null, r.total)]);
    xlsx.sheet('统计', [{ header: '分组键' }, { header: '名称', width: 28 }, ...METRIC_COLUMNS], rows);
    const body = await xlsx.finish();
    await this.audited(ctx, 'statistics.export', { table: 'statistics', groupBy, kind: r.kind, from: r.period.from, to: r.period.to, rows: r.groups.length, ...slice(q) });
    return { filename: `statistics-${groupBy}-${r.period.from}-${r.period.to}.xlsx`, body };
  }

  async rankingXlsx(ctx: Ctx, q: RankingQuery): Promise<ExportFile> {
    const r = await this.statistics.ranking(ctx, q);
    const satisfaction = r.metric === 'satisfaction';
    const xlsx = new XlsxWriter({ title: '排名' });
    xlsx.keyValueSheet('说明', `政务服务“好差评”${RANKING_NAMES[r.level] ?? r.level}排名`, [
      ['统计期间', `${r.period.from} 至 ${r.period.to}（${r.period.days} 天）`],
      ['排名指标', satisfaction ? '满意度（高者在前）' : '差评率（低者在前）'],
      ...sliceLines(q),
      ['最少评价数', r.method.minVolume],
      ['平滑权重', r.method.priorWeight],
      ['总体水平', r.method.prior],
      ['规则版本', `${r.method.policyRegionCode} 第 ${r.method.policyVersion} 版`],
      ['公式版本', r.formulaVersion],
      ['排名方法', r.method.text.zh],
    ]);
    const fmt = satisfaction ? SCORE : PCT;
    xlsx.sheet('排名', [
      { header: '名次' }, { header: '编号' }, { header: '名称', width: 28 }, { header: '评价数' },
      { header: satisfaction ? '满意度' : '差评率', numFmt: fmt }, { header: satisfaction ? '修正满意度' : '修正差评率', numFmt: fmt }, { header: '是否排名' },
    ], r.items.map((i) => [i.rank, i.key, i.label, i.volume, i.raw, i.smoothed, i.ranked ? '是' : '否（评价数不足）']));
    const body = await xlsx.finish();
    await this.audited(ctx, 'ranking.export', { table: 'ranking', level: r.level, metric: r.metric, from: r.period.from, to: r.period.to, rows: r.items.length, ...slice(q) });
    return { filename: `ranking-${r.level}-${r.period.from}-${r.period.to}.xlsx`, body };
  }

  private async audited(ctx: Ctx, action: string, detail: Record<string, unknown>) {
    await this.db.transaction().execute((trx) => this.audit.append(trx, { ...auditActor(ctx), action, targetType: 'statistics', targetId: null, detail }));
  }
}

/** The slice's ids for the audit record (ids and codes only). */
function slice(q: SliceQuery): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['regionCode', 'orgId', 'windowId', 'staffId', 'itemCode', 'channel'] as const) if (q[k] !== undefined) out[k] = q[k];
  return out;
}
