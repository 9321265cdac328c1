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
  return problems;
}

export const isBadLevel = (p: EvaluationPolicy, level: Level) => p.badLevels.includes(level);
