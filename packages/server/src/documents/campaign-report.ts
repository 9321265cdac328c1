import { CAMPAIGN_CHANNEL_NAMES, CAMPAIGN_CHANNELS, CAMPAIGN_OBJECT_GROUP_NAMES, shanghaiDateOf, addDays } from '@hcp/domain';
import type { CampaignScores, ObjectScore } from '../services/campaign.service.ts';
import { PdfWriter } from './pdf.ts';
import { PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, XlsxWriter, type Cell } from './xlsx.ts';

export interface RenderedFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

const QUARTER_ZH = ['第一季度', '第二季度', '第三季度', '第四季度'];
const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const lastDay = (to: string) => addDays(to, -1);

function rulesText(s: CampaignScores): string {
  const w = CAMPAIGN_CHANNELS.map((c) => `${CAMPAIGN_CHANNEL_NAMES[c].zh} ${s.config.weights[c]} 分`).join('、');
  const d = s.config.deductions;
  return `测评办法（规则第 ${s.configVersion} 版，公式第 ${s.formulaVersion} 版）：评价等级“非常满意、满意、基本满意、不满意、非常不满意”分别计 5、4、3、2、1 分，` +
    `各渠道按评价次数加权计算平均分，无评价数据的渠道以“基本满意”${s.config.noDataLevel} 分计；各渠道按权重（${w}）折合为 100 分：渠道得分 = 权重 × 平均分 ÷ 5。` +
    `经核实的“不满意”投诉每件扣 ${d.level2} 分、“非常不满意”每件扣 ${d.level1} 分，每季度最多扣 ${d.maxPerQuarter} 分。年度得分为已开始各季度得分的平均值；` +
    `${s.config.yearEndMonth < 12 ? `${s.config.yearEndMonth + 1}月及以后的测评数据计入下一年度。` : '按自然年度统计。'}`;
}

/** The final report of one campaign object (seed 002: 形成综合报告), as XLSX or PDF. */
export async function renderCampaignObjectReport(s: CampaignScores, o: ObjectScore, format: 'xlsx' | 'pdf'): Promise<RenderedFile> {
  const asOf = shanghaiDateOf(s.asOf);
  const ranked = s.objects.filter((x) => x.rank !== null).length;
  const title = `${s.campaign.name}`;
  const filename = `campaign-${s.campaign.year}-${s.campaign.id}-object-${o.orgId}.${format}`;
  const begun = s.quarters.filter((q) => q.begun);
  if (format === 'xlsx') {
    const x = new XlsxWriter({ title, createdAt: s.asOf });
    x.keyValueSheet('概览', `${title} — ${o.name}`, [
      ['评议对象', o.name],
      ['对象类别', CAMPAIGN_OBJECT_GROUP_NAMES[o.group].zh],
      ['年度', s.campaign.year],
      ['统计截至', asOf],
      ['年度得分', o.year],
      ['排名', o.rank === null ? '—' : `${o.rank} / ${ranked}`],
      ['规则版本', s.configVersion],
      ['公式版本', s.formulaVersion],
      ['测评办法', rulesText(s)],
    ]);
    x.sheet('季度得分', [
      { header: '季度', width: 12 }, { header: '开始', width: 12 }, { header: '结束', width: 12 },
      ...CAMPAIGN_CHANNELS.map((c) => ({ header: CAMPAIGN_CHANNEL_NAMES[c].zh, numFmt: '0.00' })),
      { header: '投诉扣分', numFmt: '0.00' }, { header: '季度得分', numFmt: '0.00' },
    ], begun.map((q) => {
      const v = o.quarters[q.quarter - 1]!;
      return [QUARTER_ZH[q.quarter - 1]!, q.from, lastDay(q.to), ...CAMPAIGN_CHANNELS.map((c) => v.channels[c].points), v.deduction.applied, v.total];
    }));
    const detail: Cell[][] = [];
    for (const q of begun) {
      const v = o.quarters[q.quarter - 1]!;
      for (const c of CAMPAIGN_CHANNELS) {
        const ch = v.channels[c];
        detail.push([QUARTER_ZH[q.quarter - 1]!, CAMPAIGN_CHANNEL_NAMES[c].zh, ch.weight, ch.n, ch.mean, ch.score, ch.points]);
      }
    }
    x.sheet('渠道明细', [
      { header: '季度', width: 12 }, { header: '渠道', width: 20 }, { header: '权重' }, { header: '评价次数' },
      { header: '加权平均分', numFmt: '0.00' }, { header: '计分', numFmt: '0.00' }, { header: '得分', numFmt: '0.00' },
    ], detail);
    x.sheet('投诉', [{ header: '季度', width: 12 }, { header: '核实“不满意”' }, { header: '核实“非常不满意”' }, { header: '待核实' }, { header: '扣分(封顶前)', numFmt: '0.00' }, { header: '扣分', numFmt: '0.00' }],
      begun.map((q) => {
        const v = o.quarters[q.quarter - 1]!;
        return [QUARTER_ZH[q.quarter - 1]!, v.complaints.level2, v.complaints.level1, v.complaints.unverified, v.deduction.raw, v.deduction.applied];
      }));
    return { bytes: await x.finish(), contentType: XLSX_CONTENT_TYPE, filename };
  }

  const pdf = new PdfWriter({ title: `${title} — ${o.name}`, subject: '群众评议机关作风测评报告', createdAt: s.asOf });
  pdf.title(title, `评议对象：${o.name}（${CAMPAIGN_OBJECT_GROUP_NAMES[o.group].zh}）    统计截至 ${asOf}`);
  pdf.keyFigures([
    { label: '年度得分', value: num(o.year) },
    { label: '排名', value: o.rank === null ? '—' : `${o.rank} / ${ranked}` },
    { label: '已统计季度', value: `${begun.length} / 4` },
  ]);
  if (begun.length === 0) {
    pdf.paragraph(`${s.campaign.year} 年度的评议尚未开始（第一季度自 ${s.quarters[0]!.from} 起）。`);
    pdf.heading('测评办法');
    pdf.paragraph(rulesText(s), { size: 9 });
    return { bytes: await pdf.finish(`${title} · ${o.name}`), contentType: PDF_CONTENT_TYPE, filename };
  }
  pdf.heading('一、季度得分');
  pdf.table(
    [{ header: '季度', width: 0.12 }, ...CAMPAIGN_CHANNELS.map((c) => ({ header: CAMPAIGN_CHANNEL_NAMES[c].zh.replace('便民服务平台', ''), width: 0.14, align: 'right' as const })), { header: '扣分', width: 0.08, align: 'right' as const }, { header: '得分', width: 0.1, align: 'right' as const }],
    begun.map((q) => {
      const v = o.quarters[q.quarter - 1]!;
      return [QUARTER_ZH[q.quarter - 1]!, ...CAMPAIGN_CHANNELS.map((c) => num(v.channels[c].points)), num(v.deduction.applied), num(v.total)];
    }),
  );
  pdf.barChart({ title: '各季度得分（满分 100）', bars: begun.map((q) => ({ label: QUARTER_ZH[q.quarter - 1]!, value: o.quarters[q.quarter - 1]!.total })), max: 100, format: (v) => v.toFixed(2) });
  pdf.heading('二、各渠道评价数据（评价次数 / 加权平均分）');
  pdf.table(
    [{ header: '渠道', width: 0.24 }, { header: '权重', width: 0.08, align: 'right' }, ...begun.map((q) => ({ header: QUARTER_ZH[q.quarter - 1]!, width: 0.68 / begun.length, align: 'right' as const }))],
    CAMPAIGN_CHANNELS.map((c) => [
      CAMPAIGN_CHANNEL_NAMES[c].zh,
      String(s.config.weights[c]),
      ...begun.map((q) => {
        const ch = o.quarters[q.quarter - 1]!.channels[c];
        return ch.n === 0 ? `无数据（按 ${num(ch.score, 0)} 分）` : `${ch.n} 次 / ${num(ch.mean)}`;
      }),
    ]),
  );
  pdf.heading('三、举报投诉');
  pdf.table(
    [{ header: '季度', width: 0.2 }, { header: '核实“不满意”', width: 0.2, align: 'right' }, { header: '核实“非常不满意”', width: 0.2, align: 'right' }, { header: '待核实', width: 0.2, align: 'right' }, { header: '扣分', width: 0.2, align: 'right' }],
    begun.map((q) => {
      const v = o.quarters[q.quarter - 1]!;
      return [QUARTER_ZH[q.quarter - 1]!, String(v.complaints.level2), String(v.complaints.level1), String(v.complaints.unverified), num(v.deduction.applied)];
    }),
  );
  pdf.heading('四、测评办法');
  pdf.paragraph(rulesText(s), { size: 9 });
  return { bytes: await pdf.finish(`${title} · ${o.name}`), contentType: PDF_CONTENT_TYPE, filename };
}

/** Every object's scores of a campaign as one workbook, ranked (the campaign's summary table). */
export async function renderCampaignSummary(s: CampaignScores): Promise<RenderedFile> {
  const x = new XlsxWriter({ title: s.campaign.name, createdAt: s.asOf });
  const rows = [...s.objects].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  x.sheet('年度得分', [
    { header: '排名' }, { header: '评议对象', width: 36 }, { header: '对象类别', width: 30 },
    ...QUARTER_ZH.map((q) => ({ header: q, numFmt: '0.00' })), { header: '年度得分', numFmt: '0.00' },
  ], rows.map((o) => [o.rank, o.name, CAMPAIGN_OBJECT_GROUP_NAMES[o.group].zh, ...o.quarters.map((q) => q?.total ?? null), o.year]));
  x.keyValueSheet('测评办法', s.campaign.name, [['统计截至', shanghaiDateOf(s.asOf)], ['规则版本', s.configVersion], ['公式版本', s.formulaVersion], ['测评办法', rulesText(s)]]);
  return { bytes: await x.finish(), contentType: XLSX_CONTENT_TYPE, filename: `campaign-${s.campaign.year}-${s.campaign.id}-scores.xlsx` };
}
