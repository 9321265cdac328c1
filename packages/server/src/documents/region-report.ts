import { EVALUATION_CHANNEL_INFO, shanghaiDateOf, STAT_LEVELS, type EvaluationChannel } from '@hcp/domain';
import type { ReportFigures, ReportUnitRow } from '../services/report-figures.ts';
import type { RenderedFile } from './campaign-report.ts';
import { PdfWriter } from './pdf.ts';
import { PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, XlsxWriter } from './xlsx.ts';

const LEVEL_ZH: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
const STATE_ZH: Record<string, string> = {
  opened: '待分派', assigned: '已分派', verifying: '核实中', decided: '已定整改方式', rectified: '已整改', feedback_given: '已反馈待回访',
  closed_resolved: '已办结（回访满意）', closed_unresolved: '已办结（回访仍不满意）', closed_appeal_upheld: '申诉成立', closed_unrectifiable: '无法整改',
};
const DECISION_ZH: Record<string, string> = { fix_now: '立行立改', fix_by_deadline: '限期整改', explain: '解释说明' };
const EXCLUDED_ZH: Record<string, string> = { mistaken: '误评', malicious: '恶意差评' };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const state = (b: ReportFigures['badRatings']['items'][number]) =>
  b.excludedAs ? `不予采纳（${EXCLUDED_ZH[b.excludedAs] ?? b.excludedAs}）` : b.state ? (STATE_ZH[b.state] ?? b.state) : '无工单';
const channelZh = (c: string) => EVALUATION_CHANNEL_INFO[c as EvaluationChannel]?.zh ?? c;
const dateTime = (iso: string) => {
  const d = new Date(iso);
  return `${shanghaiDateOf(d)} ${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;
};

export function reportTitle(f: ReportFigures): string {
  return `${f.region.name}政务服务“好差评”${f.period.kind === 'month' ? '月度' : '季度'}通报（${f.period.labelZh}）`;
}

/** The summary sentence a report opens with, built from its figures only. */
export function reportSummary(f: ReportFigures): string {
  const r = f.total.ratings;
  const w = f.total.workOrders;
  if (r.total === 0 && f.defaults.total === 0) return `${f.period.labelZh}，${f.region.name}未收到评价。`;
  return `${f.period.labelZh}，${f.region.name}共收到主动评价 ${r.total} 条，满意度 ${score(r.satisfactionScore)} 分，好评率 ${pct(r.goodRate)}，差评率 ${pct(r.badRate)}；` +
    `另有默认评价 ${f.defaults.total} 条（不计入上述比率）。本期差评 ${f.badRatings.total} 条，开具整改工单 ${w.opened} 件，已整改 ${w.rectified} 件（整改率 ${pct(w.rectificationRate)}），` +
    `已回访 ${w.revisited} 件（回访满意率 ${pct(w.revisitSatisfactionRate)}），超期红牌 ${w.overdue} 件。`;
}

const unitTableRow = (u: ReportUnitRow) => [u.rank === null ? '—' : String(u.rank), u.name, String(u.count), score(u.satisfactionScore), pct(u.goodRate), pct(u.badRate), String(u.bad), pct(u.rectificationRate)];

/** The report (通报) of a region and period as XLSX or PDF: tables, and in the PDF bar charts. */
export async function renderRegionReport(f: ReportFigures, format: 'xlsx' | 'pdf'): Promise<RenderedFile> {
  const title = reportTitle(f);
  const filename = `report-${f.region.code.replace(/0+$/, '')}-${f.period.key}.${format}`;
  const r = f.total.ratings;
  const w = f.total.workOrders;
  const createdAt = new Date(f.generatedAt);
  if (format === 'xlsx') {
    const x = new XlsxWriter({ title, createdAt });
    x.keyValueSheet('概览', title, [
      ['行政区划', `${f.region.name}（${f.region.code}）`],
      ['统计期间', `${f.period.from} 至 ${f.period.to}（不含）`],
      ['生成时间', dateTime(f.generatedAt)],
      ['主动评价数', r.total],
      ['满意度（分）', r.satisfactionScore],
      ['好评率', r.goodRate],
      ['差评率', r.badRate],
      ['默认评价数（不计入比率）', f.defaults.total],
      ['主动评价率', f.total.participation?.activeRate ?? null],
      ['差评工单数', w.opened],
      ['差评整改率', w.rectificationRate],
      ['差评回复率', w.replyRate],
      ['回访率', w.revisitRate],
      ['回访满意率', w.revisitSatisfactionRate],
      ['超期（红牌）工单', w.overdue],
      ['申诉成立（不予采纳）', f.total.appealsUpheld.total],
      ['公式版本', f.formulaVersion],
      ['说明', reportSummary(f)],
    ]);
    x.sheet('评价等级', [{ header: '等级', width: 14 }, { header: '主动评价' }, { header: '占比', numFmt: '0.0%' }, { header: '默认评价' }],
      STAT_LEVELS.map((l) => [LEVEL_ZH[l]!, r.byLevel[l], r.total ? r.byLevel[l] / r.total : null, f.defaults.byLevel[l]]));
    x.sheet('评价渠道', [{ header: '渠道', width: 18 }, { header: '主动评价' }, { header: '满意度', numFmt: '0.00' }, { header: '差评率', numFmt: '0.0%' }],
      f.byChannel.map((c) => [c.label, c.count, c.satisfactionScore, c.badRate]));
    x.sheet('单位排名', [
      { header: '排名' }, { header: '单位', width: 36 }, { header: '主动评价' }, { header: '满意度', numFmt: '0.00' }, { header: '平滑满意度', numFmt: '0.00' },
      { header: '好评率', numFmt: '0.0%' }, { header: '差评率', numFmt: '0.0%' }, { header: '差评数' }, { header: '整改率', numFmt: '0.0%' }, { header: '超期工单' },
    ], f.units.map((u) => [u.rank, u.name, u.count, u.satisfactionScore, u.smoothed, u.goodRate, u.badRate, u.bad, u.rectificationRate, u.overdue]));
    x.sheet('差评整改', [
      { header: '评价时间', width: 18 }, { header: '单位', width: 30 }, { header: '办件编号', width: 24 }, { header: '等级', width: 12 }, { header: '渠道', width: 16 },
      { header: '整改方式', width: 12 }, { header: '整改状态', width: 22 }, { header: '红牌' }, { header: '办结时间', width: 18 },
    ], f.badRatings.items.map((b) => [dateTime(b.at), b.unitName, b.caseNo, LEVEL_ZH[b.level] ?? String(b.level), channelZh(b.channel), b.decision ? (DECISION_ZH[b.decision] ?? b.decision) : '', state(b), b.redCard ? '是' : '', b.closedAt ? dateTime(b.closedAt) : '']));
    x.keyValueSheet('排名方法', '单位排名方法', [['最低评价量', f.ranking.minVolume], ['平滑权重', f.ranking.priorWeight], ['全体满意度（先验）', f.ranking.prior], ['方法', f.ranking.method]]);
    return { bytes: await x.finish(), contentType: XLSX_CONTENT_TYPE, filename };
  }

  const pdf = new PdfWriter({ title, subject: '政务服务好差评通报', createdAt });
  pdf.title(title, `统计期间 ${f.period.from} 至 ${f.period.to}（不含）    生成于 ${dateTime(f.generatedAt)}    公式第 ${f.formulaVersion} 版`);
  pdf.keyFigures([
    { label: '主动评价', value: String(r.total) },
    { label: '满意度（分）', value: score(r.satisfactionScore) },
    { label: '好评率', value: pct(r.goodRate) },
    { label: '差评率', value: pct(r.badRate) },
    { label: '差评整改率', value: pct(w.rectificationRate) },
  ]);
  pdf.paragraph(reportSummary(f));
  pdf.heading('一、评价等级分布');
  pdf.barChart({ title: '主动评价按等级（条）', bars: STAT_LEVELS.map((l) => ({ label: LEVEL_ZH[l]!, value: r.byLevel[l], highlight: l <= 2 })) });
  pdf.table([{ header: '等级', width: 0.3 }, { header: '主动评价', width: 0.25, align: 'right' }, { header: '占比', width: 0.2, align: 'right' }, { header: '默认评价', width: 0.25, align: 'right' }],
    STAT_LEVELS.map((l) => [LEVEL_ZH[l]!, String(r.byLevel[l]), pct(r.total ? r.byLevel[l] / r.total : null), String(f.defaults.byLevel[l])]));
  if (f.byChannel.length) {
    pdf.heading('二、评价渠道');
    pdf.barChart({ title: '主动评价按渠道（条）', bars: f.byChannel.map((c) => ({ label: c.label, value: c.count })) });
  }
  pdf.heading('三、单位满意度排名');
  pdf.paragraph(`排名方法：${f.ranking.method}`, { muted: true, size: 8.5 });
  const top = f.units.filter((u) => u.rank !== null).slice(0, 10);
  if (top.length) pdf.barChart({ title: '满意度前十位单位（平滑后，分）', bars: top.map((u) => ({ label: u.name, value: u.smoothed ?? 0 })), max: 100, format: (v) => v.toFixed(2) });
  const cols = [
    { header: '排名', width: 0.07 }, { header: '单位', width: 0.33 }, { header: '评价', width: 0.08, align: 'right' as const }, { header: '满意度', width: 0.1, align: 'right' as const },
    { header: '好评率', width: 0.1, align: 'right' as const }, { header: '差评率', width: 0.1, align: 'right' as const }, { header: '差评', width: 0.08, align: 'right' as const }, { header: '整改率', width: 0.14, align: 'right' as const },
  ];
  if (f.ranking.top.length) {
    pdf.paragraph('满意度靠前的单位：', { size: 9.5 });
    pdf.table(cols, f.ranking.top.map(unitTableRow));
  }
  if (f.ranking.bottom.length) {
    pdf.paragraph('满意度靠后的单位：', { size: 9.5 });
    pdf.table(cols, f.ranking.bottom.map(unitTableRow));
  }
  pdf.paragraph('全部单位：', { size: 9.5 });
  pdf.table(cols, f.units.map(unitTableRow), { fontSize: 8.5 });
  pdf.heading('四、差评及整改情况');
  pdf.paragraph(`差评工单 ${w.opened} 件：已整改 ${w.rectified}、已回复 ${w.replied}、已回访 ${w.revisited}（满意 ${w.satisfied}）、超期红牌 ${w.overdue}；申诉成立不予采纳 ${f.total.appealsUpheld.total} 条。`);
  const shown = f.badRatings.items.slice(0, 200);
  if (shown.length) {
    pdf.table([
      { header: '评价时间', width: 0.17 }, { header: '单位', width: 0.25 }, { header: '办件编号', width: 0.2 }, { header: '等级', width: 0.1 }, { header: '整改状态', width: 0.28 },
    ], shown.map((b) => [dateTime(b.at), b.unitName, b.caseNo, LEVEL_ZH[b.level] ?? String(b.level), `${state(b)}${b.redCard ? '·红牌' : ''}`]), { fontSize: 8 });
    if (f.badRatings.total > shown.length) pdf.paragraph(`另有 ${f.badRatings.total - shown.length} 条差评见 XLSX 版本。`, { muted: true, size: 8.5 });
  } else pdf.paragraph('本期无差评。');
  return { bytes: await pdf.finish(title), contentType: PDF_CONTENT_TYPE, filename };
}
