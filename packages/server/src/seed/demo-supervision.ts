import {
  addDays,
  campaignQuarterOf,
  campaignQuarterRange,
  previousReportPeriod,
  shanghaiDateOf,
  withCampaignDefaults,
  DEFAULT_CAMPAIGN_CONFIG,
  type CampaignInputChannel,
  type CampaignObjectGroup,
  type EvaluationChannel,
} from '@hcp/domain';
import type { Container } from '../container.ts';
import { REPORT_MAX_ATTEMPTS } from '../services/report.service.ts';
import { SETTLE_SECONDS } from '../services/detection.service.ts';
import type { LoopActors, SeedClock } from './demo-loop.ts';
import type { Random } from './random.ts';

/**
 * Ratings that look manipulated (刷评), injected among the demo county's clean ones for the detection
 * scan to find: a clerk running cases through the window device one after another after hours; the
 * same praise on five cases of one unit within days; one phone (an agent's, 代办, who registered five
 * companies that day) rating them within the hour. Each is a case of its own, rated at the instant given (working days before today).
 */
export interface PatternCase {
  pattern: 'burst_device' | 'identical_text' | 'burst_phone';
  unit: string;
  day: number;
  /** When it was rated: hour, minute, second. */
  at: readonly [number, number, number];
  channel: EvaluationChannel;
  text?: string;
  /** The applicant is a company whose agent gives this phone on every case. */
  agentPhone?: boolean;
}

const PRAISE = '窗口工作人员业务熟练耐心细致值得表扬';

export const PATTERN_CASES: readonly PatternCase[] = [
  ...Array.from({ length: 8 }, (_, i): PatternCase => ({ pattern: 'burst_device', unit: 'WLJ', day: 6, at: [17, 35 + Math.floor((10 + i * 35) / 60), (10 + i * 35) % 60], channel: 'device' })),
  ...Array.from({ length: 5 }, (_, i): PatternCase => ({ pattern: 'identical_text', unit: 'MZJU', day: 12 - Math.floor(i * 0.8), at: [15, 10 + i * 7, 0], channel: 'sms', text: PRAISE })),
  ...Array.from({ length: 5 }, (_, i): PatternCase => ({ pattern: 'burst_phone', unit: 'SCJGJ', day: 15, at: [20, 5 + i * 9, 30], channel: 'sms', agentPhone: true })),
];

/** The units of seed 002 by campaign group (群众评议 objects); the rest of the hall is government. */
const PARTY = new Set(['BB', 'TW', 'FL', 'CL']);
const ENTERPRISE = new Set(['JSYH', 'NXYH', 'ZGRS', 'GN', 'GS', 'GD', 'GQ']);

export interface CampaignObjectInput {
  orgId: number;
  code: string;
  hall: boolean;
  station?: boolean;
  center?: boolean;
}

function groupOf(o: CampaignObjectInput): CampaignObjectGroup {
  if (o.center) return 'center';
  if (o.station) return 'township';
  if (!o.hall) return 'not_stationed';
  if (PARTY.has(o.code)) return 'hall_party';
  if (ENTERPRISE.has(o.code)) return 'hall_enterprise';
  return 'hall_government';
}

export interface SupervisionDeps {
  c: Container;
  clock: SeedClock;
  actors: LoopActors;
  r: Random;
  countyCode: string;
  campaignObjects: CampaignObjectInput[];
  log: (message: string) => void;
}

export interface SupervisionSummary {
  alerts: { warnings: number; redCards: number; escalations: number; notified: number };
  flags: { opened: number; ratings: number; byDetector: Record<string, number>; dismissed: number };
  revisitSample: { period: string; tasks: number; answered: number } | null;
  campaign: { year: number; objects: number; inputs: number };
  reports: { ready: string[]; queued: number };
  supervisionAlerts: number;
}

const REACHED_REMARKS = ['对窗口服务满意', '办事顺利，一次办成', '希望周末也能办理', '工作人员很热情', '等候时间稍长，其他都好'];
const NOT_REACHED_REMARKS = ['无人接听', '号码已停机', '对方正忙，未接通'];

function weighted<T>(r: Random, mix: readonly (readonly [T, number])[]): T {
  let x = r.next();
  for (const [v, p] of mix) if ((x -= p) < 0) return v;
  return mix[mix.length - 1]![0];
}

/**
 * What the supervision side of the demo county shows, done through its services at the seed's end:
 * the work-order clock (warnings, red cards, escalations and their notifications), the detection
 * scan with one flag reviewed, this month's 监督查评 sample of last month with some calls answered, the
 * campaign of the current year with some entered results, the reports of the last month and quarter,
 * and the supervision alerts.
 */
export async function seedSupervision(d: SupervisionDeps): Promise<SupervisionSummary> {
  const { c, clock, actors, r, countyCode } = d;
  clock.reset();
  const end = clock.end;
  const today = shanghaiDateOf(end);

  d.log('work-order clock');
  const clockRun = await c.services.workOrderAlerts.run(actors.system);

  d.log('detection scan');

  // The scan leaves ratings stored in the last SETTLE_SECONDS (by the database's clock) for its next
  // run, against transactions still committing; nothing of the seed's is, so it looks past them all.
  const scanAt = new Date(Math.max(Date.now(), end.getTime()) + (SETTLE_SECONDS + 1) * 1000);
  const scan = await c.services.detection.scan(actors.system, scanAt);
  const flags = await c.services.detection.list(actors.office, { limit: 1000, offset: 0 });
  const byDetector: Record<string, number> = {};
  for (const f of flags) byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
  let dismissed = 0;
  const agent = flags.find((f) => f.detector === 'burst_phone');
  if (agent) {
    clock.set(new Date(end.getTime() - 30 * 60_000));
    await c.services.detection.review(actors.office, agent.id, 'dismiss', '经电话核实，该手机号为一家代办公司经办人，几个办件均为其代办的真实业务，评价出于本人意愿，排除异常。');
    dismissed++;
  }

  d.log('监督查评');
  // 监督查评: last month's sample, drawn this month, its calls made in the last minutes before the end.
  const month = previousReportPeriod('month', today);
  let revisitSample: SupervisionSummary['revisitSample'] = null;
  const draws = 20;
  clock.set(new Date(end.getTime() - (draws + 2) * 6 * 60_000));
  const drawn = await c.services.revisits.draw(actors.office, { regionCode: countyCode, periodKind: 'month', period: month.key, size: draws, seed: `demo-${month.key}` });
  if (!drawn.preview) {
    const tasks = await c.services.revisits.tasks(actors.operator, { sampleId: drawn.sample.id, limit: draws, offset: 0 });
    let answered = 0;
    for (const [i, task] of tasks.entries()) {
      if (!r.chance(0.7)) continue;
      clock.set(new Date(end.getTime() - (tasks.length - i) * 6 * 60_000));
      const reached = r.chance(0.85);
      await c.services.revisits.answer(actors.operator, task.id, reached
        ? { reached, satisfaction: weighted(r, [[5, 0.6], [4, 0.3], [3, 0.07], [2, 0.03]] as const), remarks: r.pick(REACHED_REMARKS) }
        : { reached, remarks: r.pick(NOT_REACHED_REMARKS) });
      answered++;
    }
    revisitSample = { period: month.key, tasks: tasks.length, answered };
  }
  clock.reset();

  d.log('campaign');
  // 群众评议: the campaign year that holds today, its objects, and results of the questionnaire,
  // revisit and complaint channels for the quarters that have begun.
  const config = withCampaignDefaults(DEFAULT_CAMPAIGN_CONFIG);
  const { year, quarter } = campaignQuarterOf(today, config.yearEndMonth);
  const campaign = await c.services.campaigns.create(actors.office, { regionCode: countyCode, year, note: '按《灵武市群众评议机关作风测评办法》设置权重' });
  const objects = d.campaignObjects.map((o) => ({ orgId: o.orgId, group: groupOf(o) }));
  await c.services.campaigns.setObjects(actors.office, campaign.campaign.id, objects);
  let inputs = 0;
  const add = async (orgId: number, channel: CampaignInputChannel, method: string, date: string, level: number, count: number, note: string, verified = true) => {
    await c.services.campaigns.addInput(actors.operator, campaign.campaign.id, { orgId, channel, method, date, level, count, verified, note, ref: `demo-${orgId}-${channel}-${date}-${level}` });
    inputs++;
  };
  // Questionnaires of the center, two units and a township center; an inspection and complaints.
  const questionnaireObjects = [d.campaignObjects.find((o) => o.center)!, ...d.campaignObjects.filter((o) => ['RSJ', 'SCJGJ'].includes(o.code)), d.campaignObjects.find((o) => o.station)!];
  for (let q = 1; q <= quarter; q++) {
    const range = campaignQuarterRange(year, q as 1 | 2 | 3 | 4, config.yearEndMonth);
    const date = [addDays(range.from, 20), today].sort()[0]!;
    for (const o of questionnaireObjects) {
      const method = r.chance(0.5) ? 'on_site' : 'online';
      await add(o.orgId, 'questionnaire', method, date, 5, r.int(20, 45), '季度问卷调查');
      await add(o.orgId, 'questionnaire', method, date, 4, r.int(5, 15), '季度问卷调查');
      if (r.chance(0.6)) await add(o.orgId, 'questionnaire', method, date, 3, r.int(1, 4), '季度问卷调查');
    }
    const inspected = r.pick(questionnaireObjects);
    await add(inspected.orgId, 'revisit', 'inspection', date, 4, 1, '明察暗访：窗口服务规范，个别人员未佩戴工牌');
  }
  const complained = d.campaignObjects.find((o) => o.code === 'CGJ') ?? questionnaireObjects[1]!;
  await add(complained.orgId, 'complaint', 'phone', today, 2, 1, '12345 转办：占道审批窗口答复不耐心，经核实属实');
  await add(complained.orgId, 'complaint', 'online', today, 1, 1, '网上投诉反映办理拖延，正在核实', false);

  d.log('reports');
  // 通报: the scheduled run at the start of a period queues last month's and last quarter's reports of
  // the county and the regions above it; the county's are generated now, the rest by the job worker.
  const queued = await c.services.reports.plan();
  const ready: string[] = [];
  for (const id of queued) {
    const report = (await c.repos.reports.find(id))!;
    if (report.region_code !== countyCode) continue;
    await c.services.reports.generate(id, 1, REPORT_MAX_ATTEMPTS);
    ready.push(report.period_key);
  }

  d.log('supervision alerts');
  const supervision = await c.services.supervisionAlerts.run(actors.system);

  return {
    alerts: { warnings: clockRun.warnings, redCards: clockRun.redCards, escalations: clockRun.escalations, notified: clockRun.notified + supervision.notified },
    flags: { opened: scan.flagsOpened, ratings: scan.ratingsFlagged, byDetector, dismissed },
    revisitSample,
    campaign: { year, objects: objects.length, inputs },
    reports: { ready: ready.sort(), queued: queued.length - ready.length },
    supervisionAlerts: Object.values(supervision.raised).reduce((s, n) => s + n, 0),
  };
}
