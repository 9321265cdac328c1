import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { EvaluationPolicy, PolicyProblem } from './policy.ts';

/**
 * Invitations to evaluate (邀请评价) by SMS and their one reminder (提醒): the message texts, which are
 * policy data per region, and when the reminder is due. No I/O; the server's invitation service
 * applies them.
 */

/** The SMS texts of a region. Placeholders: {item} 事项, {unit} 办理单位, {link} 评价链接, {deadline} 评价截止. */
export interface SmsTemplates {
  /** The invitation, sent once when evaluation of a case opens. */
  invitation: string;
  /** The reminder, sent once before the default rating applies. */
  reminder: string;
  /** The answer to a bad rating by SMS reply that the policy wants a reason for: the link to give one. */
  feedback: string;
  /**
   * The feedback (整改反馈) of a work order to the evaluator: the link to their page with what the unit
   * did, where they also say whether they are satisfied (回访).
   */
  rectification: string;
}

export const SMS_TEMPLATE_PLACEHOLDERS = ['item', 'unit', 'link', 'deadline'] as const;
export type SmsTemplatePlaceholder = (typeof SMS_TEMPLATE_PLACEHOLDERS)[number];

/** Placeholders each text must contain: without the link nobody can evaluate from it. */
const REQUIRED: Record<keyof SmsTemplates, readonly SmsTemplatePlaceholder[]> = {
  invitation: ['link'],
  reminder: ['link', 'deadline'],
  feedback: ['link'],
  rectification: ['link'],
};

/** Longest template; with an item name, a unit name and a link filled in it stays within one outbox row (500). */
export const SMS_TEMPLATE_MAX_LENGTH = 300;

const REPLY_HINT = '回复1-5直接评价：5非常满意 4满意 3基本满意 2不满意 1非常不满意；回复TD退订';

export const DEFAULT_SMS_TEMPLATES: SmsTemplates = {
  invitation: `【好差评】您在{unit}办理的“{item}”可以评价了，请于{deadline}前评价：{link} ${REPLY_HINT}`,
  reminder: `【好差评】提醒：您办理的“{item}”尚未评价，{deadline}后将默认为“基本满意”。评价：{link} ${REPLY_HINT}`,
  feedback: '【好差评】已收到您的回复。为了改进服务，请打开链接写明不满意的原因后提交评价：{link} 回复TD退订',
  rectification: '【好差评】您对{unit}办理的“{item}”的评价已处理。查看处理结果并告诉我们您是否满意：{link} 回复TD退订',
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Problems of the templates of a policy, by field (`smsTemplates.reminder` …). */
export function checkSmsTemplates(t: SmsTemplates | undefined): PolicyProblem[] {
  if (!t || typeof t !== 'object') return [{ field: 'smsTemplates', reason: 'the invitation, reminder, feedback and rectification texts are required' }];
  const problems: PolicyProblem[] = [];
  for (const kind of Object.keys(REQUIRED) as (keyof SmsTemplates)[]) {
    const field = `smsTemplates.${kind}`;
    const text = t[kind];
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push({ field, reason: 'a text is required' });
      continue;
    }
    if (Array.from(text).length > SMS_TEMPLATE_MAX_LENGTH) problems.push({ field, reason: `at most ${SMS_TEMPLATE_MAX_LENGTH} characters` });
    const used = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    for (const name of used) {
      if (!(SMS_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) problems.push({ field, reason: `unknown placeholder {${name}}; use ${SMS_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` });
    }
    for (const name of REQUIRED[kind]) if (!used.includes(name)) problems.push({ field, reason: `must contain {${name}}` });
  }
  return problems;
}

/** Problems of the SMS settings of a policy: its templates and the hour reminders go out. */
export function checkSmsSettings(p: EvaluationPolicy): PolicyProblem[] {
  const problems = checkSmsTemplates(p.smsTemplates);
  if (!Number.isInteger(p.reminderHour) || p.reminderHour < 0 || p.reminderHour > 23) problems.push({ field: 'reminderHour', reason: '0 to 23 (Beijing time)' });
  return problems;
}

/**
 * Fills a template. Values are inserted literally (a `{` in an item name stays as it is), and the
 * item and unit names are shortened so the message stays short.
 *
 * @example renderSmsTemplate('请评价“{item}”：{link}', { item: '户口迁移', link: 'https://x/e/abc' })
 * // → '请评价“户口迁移”：https://x/e/abc'
 */
export function renderSmsTemplate(template: string, values: Partial<Record<SmsTemplatePlaceholder, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name as SmsTemplatePlaceholder];
    if (v === undefined) return whole;
    return name === 'item' || name === 'unit' ? shorten(v, 40) : v;
  });
}

function shorten(s: string, max: number): string {
  const chars = Array.from(s.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The last moment to rate as people read it: the Beijing date of the last day before the default
 * applies, "11月30日24时". `defaultAt` is the exclusive bound addWorkingDays returns (00:00 next day).
 */
export function evaluationDeadlineText(defaultAt: Date): string {
  const last = new Date(defaultAt.getTime() - 1 + 8 * 3_600_000);
  return `${last.getUTCMonth() + 1}月${last.getUTCDate()}日24时`;
}

/**
 * When the one reminder of an invitation is due: at `reminderHour` (Beijing time) on the working day
 * whose end lies `reminderWorkingDaysBefore` working days before the default applies, so the evaluator
 * still has that many whole working days after the reminder. With the national numbers (default after
 * 5 working days, reminder 1 before, 09:00): a case completed on a Monday is reminded on Friday
 * 09:00 and defaults at the end of the next Monday. null when the policy sends no reminder.
 *
 * `opensAt` is when evaluation opened (evaluationOpensAt); the default applies at
 * calendar.addWorkingDays(opensAt, defaultAfterWorkingDays), as the default-rating job computes it.
 */
export function invitationReminderAt(calendar: WorkingCalendar, policy: EvaluationPolicy, opensAt: Date): Date | null {
  const before = policy.reminderWorkingDaysBefore;
  if (before <= 0 || before >= policy.defaultAfterWorkingDays) return null;
  // The end of that working day (00:00 of the next calendar day); the reminder goes out on that day.
  const endOfDay = calendar.addWorkingDays(opensAt, policy.defaultAfterWorkingDays - before);
  const startOfDay = new Date(endOfDay.getTime() - 86_400_000);
  return new Date(startOfDay.getTime() + policy.reminderHour * 3_600_000);
}
