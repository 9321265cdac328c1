import { EVALUATION_CHANNELS, type EvaluationChannel } from '../evaluation/channels.ts';

/**
 * The channels of the mass-evaluation campaign (群众评议机关作风, seed 002 §三): the provincial service
 * portal's evaluations, the 12345 hotline, questionnaires (on site and online), revisit sampling
 * (回访抽测: phone, on site, questionnaire, inspection) and reports and complaints (举报投诉).
 */
export const CAMPAIGN_CHANNELS = ['portal', 'hotline', 'questionnaire', 'revisit', 'complaint'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const CAMPAIGN_CHANNEL_NAMES: Record<CampaignChannel, { zh: string; en: string }> = {
  portal: { zh: '政务服务网评价', en: 'Service portal ratings' },
  hotline: { zh: '12345便民服务平台', en: '12345 hotline' },
  questionnaire: { zh: '问卷调查', en: 'Questionnaires' },
  revisit: { zh: '回访抽测', en: 'Revisit sampling' },
  complaint: { zh: '举报投诉', en: 'Reports and complaints' },
};

/** Channels whose results staff enter or import; portal and hotline come from the stored ratings. */
export const CAMPAIGN_INPUT_CHANNELS = ['questionnaire', 'revisit', 'complaint'] as const satisfies readonly CampaignChannel[];
export type CampaignInputChannel = (typeof CAMPAIGN_INPUT_CHANNELS)[number];

/** How a result was obtained, per input channel (seed 002 §三(三)(四)). */
export const CAMPAIGN_INPUT_METHODS: Record<CampaignInputChannel, readonly string[]> = {
  questionnaire: ['on_site', 'online'],
  revisit: ['phone', 'on_site', 'questionnaire', 'inspection'],
  complaint: ['phone', 'email', 'letter', 'on_site', 'online'],
};

/**
 * The six groups of objects seed 002 §一 evaluates: the service center itself, government departments
 * in the hall, party/mass organisations and district bodies in the hall, banks and utilities in the
 * hall, the township (street) service centers, and departments not in the hall.
 */
export const CAMPAIGN_OBJECT_GROUPS = ['center', 'hall_government', 'hall_party', 'hall_enterprise', 'township', 'not_stationed'] as const;
export type CampaignObjectGroup = (typeof CAMPAIGN_OBJECT_GROUPS)[number];

export const CAMPAIGN_OBJECT_GROUP_NAMES: Record<CampaignObjectGroup, { zh: string; en: string }> = {
  center: { zh: '政务服务中心', en: 'Service center' },
  hall_government: { zh: '进驻大厅政府组成部门、直属机构', en: 'Government departments in the hall' },
  hall_party: { zh: '进驻大厅市委部门、群团组织、驻地区属部门', en: 'Party, mass and district bodies in the hall' },
  hall_enterprise: { zh: '进驻大厅金融服务机构和公共服务行业', en: 'Banks and utilities in the hall' },
  township: { zh: '乡镇(街道)民生服务中心', en: 'Township service centers' },
  not_stationed: { zh: '未进驻部门', en: 'Units outside the hall' },
};

/**
 * The scoring rules of one campaign (评议测评办法). Seed 002 fixes the method — levels 5…1 score
 * 5…1 points, a channel scores the count-weighted mean, no data scores 3 (基本满意), channels combine
 * into 100 points, verified 不满意/非常不满意 complaints deduct, quarters average into the year, and
 * December counts toward the next year — but no weights: those are this data, versioned per campaign.
 */
export interface CampaignConfig {
  /** Points of each channel; they add up to 100. A channel with weight 0 is shown but not scored. */
  weights: Record<CampaignChannel, number>;
  /** The level a channel without any data scores (seed 002: 基本满意, 3). */
  noDataLevel: number;
  /** Points deducted per verified complaint of 不满意 (2) and 非常不满意 (1), at most maxPerQuarter a quarter. */
  deductions: { level2: number; level1: number; maxPerQuarter: number };
  /** Rating channels counted as the portal channel (宁夏政务服务网 and the platform's own channels). */
  portalChannels: EvaluationChannel[];
  /** Rating channels counted as the 12345 hotline. */
  hotlineChannels: EvaluationChannel[];
  /** Whether default ratings (默认评价, never given by anyone) count; by default only active ones do. */
  countDefaultRatings: boolean;
  /** The campaign year ends with this month; later months count toward the next year (seed 002: 11). */
  yearEndMonth: number;
}

export const DEFAULT_CAMPAIGN_CONFIG: CampaignConfig = {
  // Complaints deduct (seed 002 §三(五)); weighting them too would count one complaint twice.
  weights: { portal: 40, hotline: 20, questionnaire: 20, revisit: 20, complaint: 0 },
  noDataLevel: 3,
  deductions: { level2: 1, level1: 2, maxPerQuarter: 20 },
  portalChannels: ['pc', 'mobile', 'qr_code', 'device', 'terminal', 'sms', 'paper', 'email', 'wechat', 'suggestion_box'],
  hotlineChannels: ['phone'],
  countDefaultRatings: false,
  yearEndMonth: 11,
};

export interface CampaignConfigProblem {
  field: string;
  reason: string;
}

const isNumberIn = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** Checks a campaign's scoring rules before they may become a new version. */
export function checkCampaignConfig(c: CampaignConfig): CampaignConfigProblem[] {
  const problems: CampaignConfigProblem[] = [];
  let sum = 0;
  for (const ch of CAMPAIGN_CHANNELS) {
    const w = c.weights?.[ch];
    if (!isNumberIn(w, 0, 100) || Math.round(w * 100) !== w * 100) problems.push({ field: `weights.${ch}`, reason: '0 to 100 points, at most two decimals' });
    else sum += w;
  }
  if (problems.length === 0 && Math.abs(sum - 100) > 1e-9) problems.push({ field: 'weights', reason: `the weights add up to ${Math.round(sum * 100) / 100}, not 100` });
  if (!Number.isInteger(c.noDataLevel) || c.noDataLevel < 1 || c.noDataLevel > 5) problems.push({ field: 'noDataLevel', reason: 'a level from 1 to 5' });
  if (!isNumberIn(c.deductions?.level2, 0, 100)) problems.push({ field: 'deductions.level2', reason: '0 to 100 points' });
  if (!isNumberIn(c.deductions?.level1, 0, 100)) problems.push({ field: 'deductions.level1', reason: '0 to 100 points' });
  if (!isNumberIn(c.deductions?.maxPerQuarter, 0, 100)) problems.push({ field: 'deductions.maxPerQuarter', reason: '0 to 100 points' });
  const known = new Set<string>(EVALUATION_CHANNELS);
  const seen = new Map<string, string>();
  for (const field of ['portalChannels', 'hotlineChannels'] as const) {
    (c[field] ?? []).forEach((ch, i) => {
      if (!known.has(ch) || ch === 'default') problems.push({ field: `${field}.${i}`, reason: 'a rating channel other than default' });
      else if (seen.has(ch)) problems.push({ field: `${field}.${i}`, reason: `already counted in ${seen.get(ch)}` });
      else seen.set(ch, field);
    });
  }
  if (!Number.isInteger(c.yearEndMonth) || c.yearEndMonth < 10 || c.yearEndMonth > 12) problems.push({ field: 'yearEndMonth', reason: '10, 11 or 12: the fourth quarter must keep at least one month' });
  return problems;
}

/** A stored version with every field the code now knows; fields added later take their defaults. */
export function withCampaignDefaults(stored: Partial<CampaignConfig>): CampaignConfig {
  return {
    ...DEFAULT_CAMPAIGN_CONFIG,
    ...stored,
    weights: { ...DEFAULT_CAMPAIGN_CONFIG.weights, ...stored.weights },
    deductions: { ...DEFAULT_CAMPAIGN_CONFIG.deductions, ...stored.deductions },
  };
}

/** Which campaign channel a stored rating's channel feeds, if any; default ratings feed the portal channel when counted. */
export function campaignChannelOfRating(c: CampaignConfig, channel: string): 'portal' | 'hotline' | null {
  if (channel === 'default') return c.countDefaultRatings ? 'portal' : null;
  if ((c.hotlineChannels as string[]).includes(channel)) return 'hotline';
  if ((c.portalChannels as string[]).includes(channel)) return 'portal';
  return null;
}
