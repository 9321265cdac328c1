import { checkSmsSettings, DEFAULT_SMS_TEMPLATES, type SmsTemplates } from './invitation.ts';
import { checkDetectionPolicy, DEFAULT_DETECTION_POLICY, type DetectionPolicy } from '../detection/detection-policy.ts';
import { checkWorkOrderClock, DEFAULT_WORK_ORDER_CLOCK, type WorkOrderClock } from '../work-order/work-order.ts';
import { checkWorkOrderAlerts, DEFAULT_WORK_ORDER_ALERTS, type WorkOrderAlertRules } from '../work-order/alerts.ts';
import { checkRankingPolicy, DEFAULT_RANKING_POLICY, type RankingPolicy } from '../metrics/ranking.ts';
import { checkSupervisionAlerts, DEFAULT_SUPERVISION_ALERTS, type SupervisionAlertRules } from '../supervision/supervision-alerts.ts';
import { checkPublicationPolicy, DEFAULT_PUBLICATION_POLICY, type PublicationPolicy } from '../publication/publication-policy.ts';

/**
 * The evaluation policy (评价规则) of a region: every number and list a rating is checked against.
 * Stored as versioned data per region; each evaluation keeps the version it was made under. This file
 * holds its shape, the national default that ships with the product, and its own consistency check.
 */
export type Level = 1 | 2 | 3 | 4 | 5;
export const LEVELS: readonly Level[] = [5, 4, 3, 2, 1];

export interface Label {
  zh: string;
  en: string;
}

/** An indicator of the evaluation content (评价内容), e.g. 办事效率, scored 1–5. */
export interface Indicator extends Label {
  code: string;
}

/** A selectable reason (评价标签), its 3-digit code begins with its level: 501 … 101. */
export interface ReasonTag extends Label {
  code: string;
  level: Level;
}

export type ReasonRule = 'tag_or_text' | 'tag' | 'text' | 'none';
export type OpeningStage = 'received' | 'accepted' | 'completed';

export interface EvaluationPolicy {
  levels: Record<Level, Label>;
  /** Levels counted as a bad rating (差评). */
  badLevels: Level[];
  content: { online: Indicator[]; offline: Indicator[] };
  tags: ReasonTag[];
  /** What a bad rating must carry. */
  badRatingNeeds: ReasonRule;
  textMaxLength: number;
  /** The case stage from which evaluation opens. */
  opensAt: OpeningStage;
  /** A case not rated within this many working days after it opens gets the default level. */
  defaultAfterWorkingDays: number;
  defaultLevel: Level;
  /** One reminder this many working days before the default applies (0 = no reminder). */
  reminderWorkingDaysBefore: number;
  /** Follow-up evaluations (追加评价) allowed after the first. */
  followUpsAllowed: number;
  /** Hours an invitation link stays valid after it is sent. */
  invitationValidHours: number;
  /** Hours the link in a work order's feedback SMS (整改反馈) stays valid for the evaluator's online revisit (回访). */
  feedbackLinkValidHours: number;
  /** Minutes a one-time pairing code of a window rating device (评价器) stays valid. */
  devicePairingMinutes: number;
  /** Minutes a request to show the rating screen on a window device stays open. */
  deviceRequestMinutes: number;
  /**
   * Hours before a window clerk (窗口工作人员) sees a rating of their unit in the console: the
   * rating is never on a screen the clerk can see while the evaluator may still be at the window.
   */
  clerkSeesRatingsAfterHours: number;
  /** Hours ahead a service portal's signed evaluation link (签名链接) may at most expire. */
  signedLinkMaxHours: number;
  /** Minutes a session opened by a signed link or a QR code identification stays valid. */
  publicSessionMinutes: number;
  /** Days back a case completed at a window can be found through the window's QR code (二维码). */
  qrLookbackDays: number;
  /** Minutes an SMS one-time code (验证码) stays valid, and how many wrong tries lock it. */
  otpValidMinutes: number;
  otpMaxAttempts: number;
  /** Rate limits of the public channels, per phone or per caller address and clock hour. */
  otpPerPhonePerHour: number;
  otpPerIpPerHour: number;
  identifyPerIpPerHour: number;
  /** Pairing attempts of window devices per client address and hour (national policy applies). */
  devicePairPerIpPerHour: number;
  suggestionsPerIpPerHour: number;
  /** The suggestion box questionnaire (意见箱), seed 000 §4(3); the free text follows textMaxLength. */
  suggestionQuestions: SuggestionQuestion[];
  /** Texts of the invitation (邀请评价), reminder and feedback SMS, with placeholders (see invitation.ts). */
  smsTemplates: SmsTemplates;
  /** Hour of the day (Beijing time) at which reminders go out on their day, so none arrives at night. */
  reminderHour: number;
  /** Working-day clocks and review rounds of the work order (整改工单) a bad rating opens. */
  workOrder: WorkOrderClock;
  /** Thresholds of the detectors of manipulated ratings (刷评 / 恶意评价), see detection/detection-policy.ts. */
  detection: DetectionPolicy;
  /** When a work-order deadline is warned of (预警) and a red card (红牌) escalated, in working days (alerts.ts). */
  workOrderAlerts: WorkOrderAlertRules;
  /** Fair rankings (排名): the minimum volume to be ranked and the weight of the smoothing prior (metrics/ranking.ts). */
  ranking: RankingPolicy;
  /** Thresholds of the supervision alerts (督办预警): concentrated bad ratings, low-ranked units, overdue orders (supervision/supervision-alerts.ts). */
  supervisionAlerts: SupervisionAlertRules;
  /** What the public portal publishes (公开为常态、不公开为例外): figures, rankings, bad ratings with replies (publication/publication-policy.ts). */
  publication: PublicationPolicy;
}

/**
 * A question of the suggestion box (意见箱). `scale` answers 1 (not at all) to 5 (fully);
 * `yes_no` answers 1 (是) or 0 (否).
 */
export interface SuggestionQuestion extends Label {
  code: string;
  kind: 'scale' | 'yes_no';
}

const tag = (code: string, zh: string, en: string): ReasonTag => ({ code, level: Number(code[0]) as Level, zh, en });

/** The national default, from GB/T 39047-2020 practice and the seeds' numbers (5 working days → 基本满意). */
export const NATIONAL_DEFAULT_POLICY: EvaluationPolicy = {
  levels: {
    5: { zh: '非常满意', en: 'Very satisfied' },
    4: { zh: '满意', en: 'Satisfied' },
    3: { zh: '基本满意', en: 'Fairly satisfied' },
    2: { zh: '不满意', en: 'Dissatisfied' },
    1: { zh: '非常不满意', en: 'Very dissatisfied' },
  },
  badLevels: [2, 1],
  content: {
    online: [
      { code: 'overall', zh: '整体满意度', en: 'Overall satisfaction' },
      { code: 'efficiency', zh: '办事效率', en: 'Efficiency' },
      { code: 'guide_accuracy', zh: '办事指南精确度', en: 'Accuracy of the service guide' },
      { code: 'convenience', zh: '办事便捷度', en: 'Convenience' },
      { code: 'usability', zh: '平台操作性', en: 'Ease of use of the platform' },
    ],
    offline: [
      { code: 'overall', zh: '整体满意度', en: 'Overall satisfaction' },
      { code: 'efficiency', zh: '服务效率', en: 'Efficiency' },
      { code: 'quality', zh: '服务水平', en: 'Quality of service' },
      { code: 'attitude', zh: '服务态度', en: 'Attitude' },
    ],
  },
  tags: [
    tag('501', '办事效率高', 'Fast'),
    tag('502', '服务态度好', 'Friendly staff'),
    tag('503', '一次就办成', 'Done in one visit'),
    tag('504', '指南清晰准确', 'Clear, accurate guide'),
    tag('401', '办理较快', 'Quite fast'),
    tag('402', '态度较好', 'Polite'),
    tag('403', '材料要求清楚', 'Clear requirements'),
    tag('301', '办理时间一般', 'Average speed'),
    tag('302', '流程可以更简化', 'Process could be simpler'),
    tag('303', '等候时间较长', 'Long wait'),
    tag('201', '办理时间长', 'Slow'),
    tag('202', '多次跑动', 'Had to come back several times'),
    tag('203', '材料要求不清楚', 'Unclear requirements'),
    tag('204', '服务态度差', 'Unfriendly staff'),
    tag('205', '系统操作不便', 'Hard-to-use system'),
    tag('101', '推诿扯皮', 'Passed from desk to desk'),
    tag('102', '态度恶劣', 'Rude staff'),
    tag('103', '超期未办结', 'Past the promised deadline'),
    tag('104', '吃拿卡要', 'Asked for favours'),
    tag('105', '办事指南与实际不符', 'Guide does not match practice'),
  ],
  badRatingNeeds: 'tag_or_text',
  textMaxLength: 150,
  opensAt: 'completed',
  defaultAfterWorkingDays: 5,
  defaultLevel: 3,
  reminderWorkingDaysBefore: 1,
  followUpsAllowed: 1,
  invitationValidHours: 24 * 15,
  feedbackLinkValidHours: 24 * 30,
  devicePairingMinutes: 15,
  deviceRequestMinutes: 10,
  clerkSeesRatingsAfterHours: 24,
  signedLinkMaxHours: 72,
  publicSessionMinutes: 120,
  qrLookbackDays: 30,
  otpValidMinutes: 10,
  otpMaxAttempts: 5,
  otpPerPhonePerHour: 5,
  otpPerIpPerHour: 20,
  identifyPerIpPerHour: 30,
  devicePairPerIpPerHour: 20,
  suggestionsPerIpPerHour: 10,
  suggestionQuestions: [
    { code: 'guide_clear', kind: 'scale', zh: '服务指引是否清晰', en: 'Was the service guidance clear?' },
    { code: 'process_convenient', kind: 'scale', zh: '办事程序是否便利', en: 'Was the procedure convenient?' },
    { code: 'materials_lean', kind: 'scale', zh: '材料手续是否精简', en: 'Were the required documents kept to a minimum?' },
    { code: 'interface_friendly', kind: 'scale', zh: '操作界面是否友好', en: 'Was the interface easy to use?' },
  ],
  smsTemplates: DEFAULT_SMS_TEMPLATES,
  reminderHour: 9,
  workOrder: DEFAULT_WORK_ORDER_CLOCK,
  detection: DEFAULT_DETECTION_POLICY,
  workOrderAlerts: DEFAULT_WORK_ORDER_ALERTS,
  ranking: DEFAULT_RANKING_POLICY,
  supervisionAlerts: DEFAULT_SUPERVISION_ALERTS,
  publication: DEFAULT_PUBLICATION_POLICY,
};

export interface PolicyProblem {
  field: string;
  reason: string;
}

/** Checks a policy for internal consistency before it may become a new version. */
export function checkPolicy(p: EvaluationPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const l of LEVELS) if (!p.levels[l]?.zh) problems.push({ field: `levels.${l}.zh`, reason: 'every level needs a label' });
  if (p.badLevels.length === 0) problems.push({ field: 'badLevels', reason: 'at least one level is bad' });
  if (p.badLevels.some((l) => !LEVELS.includes(l))) problems.push({ field: 'badLevels', reason: 'levels are 1 to 5' });
  if (p.badLevels.includes(p.defaultLevel)) problems.push({ field: 'defaultLevel', reason: 'the default must not be a bad rating' });
  const seen = new Set<string>();
  p.tags.forEach((t, i) => {
    if (!/^[1-5][0-9]{2}$/.test(t.code) || Number(t.code[0]) !== t.level) problems.push({ field: `tags.${i}.code`, reason: 'three digits beginning with the tag’s level' });
    if (seen.has(t.code)) problems.push({ field: `tags.${i}.code`, reason: 'appears twice' });
    seen.add(t.code);
  });
  for (const kind of ['online', 'offline'] as const) {
    const codes = p.content[kind].map((x) => x.code);
    if (codes.length === 0) problems.push({ field: `content.${kind}`, reason: 'at least one indicator' });
    if (new Set(codes).size !== codes.length) problems.push({ field: `content.${kind}`, reason: 'indicator codes must differ' });
  }
  if (!Number.isInteger(p.textMaxLength) || p.textMaxLength < 10 || p.textMaxLength > 2000) problems.push({ field: 'textMaxLength', reason: '10 to 2000 characters' });
  if (!Number.isInteger(p.defaultAfterWorkingDays) || p.defaultAfterWorkingDays < 1 || p.defaultAfterWorkingDays > 60) problems.push({ field: 'defaultAfterWorkingDays', reason: '1 to 60 working days' });
  if (!Number.isInteger(p.reminderWorkingDaysBefore) || p.reminderWorkingDaysBefore < 0 || p.reminderWorkingDaysBefore >= p.defaultAfterWorkingDays) {
    problems.push({ field: 'reminderWorkingDaysBefore', reason: 'from 0 to less than the default period' });
  }
  if (!Number.isInteger(p.followUpsAllowed) || p.followUpsAllowed < 0 || p.followUpsAllowed > 3) problems.push({ field: 'followUpsAllowed', reason: '0 to 3' });
  if (!Number.isInteger(p.invitationValidHours) || p.invitationValidHours < 1 || p.invitationValidHours > 24 * 90) problems.push({ field: 'invitationValidHours', reason: '1 hour to 90 days' });
  if (!Number.isInteger(p.feedbackLinkValidHours) || p.feedbackLinkValidHours < 1 || p.feedbackLinkValidHours > 24 * 180) problems.push({ field: 'feedbackLinkValidHours', reason: '1 hour to 180 days' });
  if (!Number.isInteger(p.devicePairingMinutes) || p.devicePairingMinutes < 1 || p.devicePairingMinutes > 24 * 60) problems.push({ field: 'devicePairingMinutes', reason: '1 minute to 1 day' });
  if (!Number.isInteger(p.deviceRequestMinutes) || p.deviceRequestMinutes < 1 || p.deviceRequestMinutes > 120) problems.push({ field: 'deviceRequestMinutes', reason: '1 to 120 minutes' });
  if (!Number.isInteger(p.clerkSeesRatingsAfterHours) || p.clerkSeesRatingsAfterHours < 1 || p.clerkSeesRatingsAfterHours > 24 * 30) {
    problems.push({ field: 'clerkSeesRatingsAfterHours', reason: '1 hour to 30 days' });
  }
  problems.push(...checkPublicChannelSettings(p));
  problems.push(...checkSmsSettings(p));
  problems.push(...checkWorkOrderClock(p.workOrder));
  problems.push(...checkDetectionPolicy(p.detection));
  problems.push(...checkWorkOrderAlerts(p.workOrderAlerts));
  problems.push(...checkRankingPolicy(p.ranking));
  problems.push(...checkSupervisionAlerts(p.supervisionAlerts));
  problems.push(...checkPublicationPolicy(p.publication));
  return problems;
}

const intIn = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** The numbers and questions of the public channels (signed links, QR codes, suggestion box). */
function checkPublicChannelSettings(p: EvaluationPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const ranges: [keyof EvaluationPolicy, number, number, string][] = [
    ['signedLinkMaxHours', 1, 24 * 30, '1 hour to 30 days'],
    ['publicSessionMinutes', 5, 24 * 60, '5 minutes to 1 day'],
    ['qrLookbackDays', 1, 366, '1 to 366 days'],
    ['otpValidMinutes', 1, 60, '1 to 60 minutes'],
    ['otpMaxAttempts', 1, 10, '1 to 10 attempts'],
    ['otpPerPhonePerHour', 1, 100, '1 to 100 per hour'],
    ['otpPerIpPerHour', 1, 10_000, '1 to 10000 per hour'],
    ['identifyPerIpPerHour', 1, 10_000, '1 to 10000 per hour'],
    ['devicePairPerIpPerHour', 1, 10_000, '1 to 10000 per hour'],
    ['suggestionsPerIpPerHour', 1, 10_000, '1 to 10000 per hour'],
  ];
  for (const [field, min, max, reason] of ranges) if (!intIn(p[field] as number, min, max)) problems.push({ field, reason });
  const codes = new Set<string>();
  p.suggestionQuestions.forEach((q, i) => {
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(q.code)) problems.push({ field: `suggestionQuestions.${i}.code`, reason: 'lower-case letters, digits and _' });
    if (codes.has(q.code)) problems.push({ field: `suggestionQuestions.${i}.code`, reason: 'appears twice' });
    codes.add(q.code);
    if (!q.zh?.trim()) problems.push({ field: `suggestionQuestions.${i}.zh`, reason: 'every question needs a text' });
    if (q.kind !== 'scale' && q.kind !== 'yes_no') problems.push({ field: `suggestionQuestions.${i}.kind`, reason: 'scale or yes_no' });
  });
  if (p.suggestionQuestions.length > 20) problems.push({ field: 'suggestionQuestions', reason: 'at most 20 questions' });
  return problems;
}

/**
 * A stored policy version with every field the code now knows: a version saved before a field
 * existed takes that field's national default, so old versions stay usable after an upgrade.
 */
export function withPolicyDefaults(stored: Partial<EvaluationPolicy>): EvaluationPolicy {
  // The SMS texts are one object: a version that set some of them keeps the defaults of the others.
  return { ...NATIONAL_DEFAULT_POLICY, ...stored, smsTemplates: { ...NATIONAL_DEFAULT_POLICY.smsTemplates, ...stored.smsTemplates }, workOrder: { ...NATIONAL_DEFAULT_POLICY.workOrder, ...stored.workOrder }, detection: { ...NATIONAL_DEFAULT_POLICY.detection, ...stored.detection }, workOrderAlerts: { ...NATIONAL_DEFAULT_POLICY.workOrderAlerts, ...stored.workOrderAlerts }, ranking: { ...NATIONAL_DEFAULT_POLICY.ranking, ...stored.ranking }, supervisionAlerts: { ...NATIONAL_DEFAULT_POLICY.supervisionAlerts, ...stored.supervisionAlerts }, publication: { ...NATIONAL_DEFAULT_POLICY.publication, ...stored.publication } };
}

export const isBadLevel = (p: EvaluationPolicy, level: Level) => p.badLevels.includes(level);
