import { isBadLevel, type EvaluationPolicy, type Level, type OpeningStage, type PolicyProblem } from './policy.ts';

/** What an evaluator sends: a level, reason tags, a text, and optional scores per indicator. */
export interface Submission {
  level: number;
  tags?: string[];
  text?: string | null;
  scores?: Record<string, number>;
}

/**
 * Checks a submission against the policy version in force: level 1–5, tags of that level and version,
 * text within the limit, a reason for a bad rating, scores only for the content of the case's mode.
 * Returns every problem with its field, so a form can show them all at once.
 */
export function checkSubmission(policy: EvaluationPolicy, mode: 'online' | 'offline', s: Submission): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!Number.isInteger(s.level) || s.level < 1 || s.level > 5) {
    problems.push({ field: 'level', reason: 'must be 1 (非常不满意) to 5 (非常满意)' });
    return problems;
  }
  const level = s.level as Level;
  const tags = s.tags ?? [];
  const known = new Map(policy.tags.map((t) => [t.code, t]));
  tags.forEach((code, i) => {
    const t = known.get(code);
    if (!t) problems.push({ field: `tags.${i}`, reason: `${code} is not a tag of this policy version` });
    else if (t.level !== level) problems.push({ field: `tags.${i}`, reason: `${code} belongs to level ${t.level}, not ${level}` });
  });
  if (new Set(tags).size !== tags.length) problems.push({ field: 'tags', reason: 'a tag appears twice' });
  const text = s.text?.trim() ?? '';
  if (Array.from(text).length > policy.textMaxLength) problems.push({ field: 'text', reason: `at most ${policy.textMaxLength} characters` });
  if (isBadLevel(policy, level)) {
    const rule = policy.badRatingNeeds;
    const hasTag = tags.length > 0;
    const hasText = text.length > 0;
    const ok = rule === 'none' || (rule === 'tag' && hasTag) || (rule === 'text' && hasText) || (rule === 'tag_or_text' && (hasTag || hasText));
    if (!ok) {
      const need = rule === 'tag' ? 'a reason tag' : rule === 'text' ? 'a written reason' : 'a reason tag or a written reason';
      problems.push({ field: rule === 'text' ? 'text' : 'tags', reason: `a bad rating needs ${need}` });
    }
  }
  const indicators = new Set(policy.content[mode].map((x) => x.code));
  for (const [code, score] of Object.entries(s.scores ?? {})) {
    if (!indicators.has(code)) problems.push({ field: `scores.${code}`, reason: `not an indicator of ${mode} service in this policy version` });
    else if (!Number.isInteger(score) || score < 1 || score > 5) problems.push({ field: `scores.${code}`, reason: 'must be 1 to 5' });
  }
  return problems;
}

export interface StageTimes {
  received?: Date | null;
  accepted?: Date | null;
  completed?: Date | null;
}

/** When evaluation of a case opens under the policy, or null while the case has not reached that stage. */
export function evaluationOpensAt(policy: EvaluationPolicy, stages: StageTimes): Date | null {
  const order: OpeningStage[] = ['received', 'accepted', 'completed'];
  // A later stage also opens it: a case pushed as completed may lack its earlier stage times.
  for (const stage of order.slice(order.indexOf(policy.opensAt))) {
    const at = stages[stage];
    if (at) return at;
  }
  return null;
}

export interface PriorEvaluation {
  round: number;
}

/**
 * The round an evaluation of a case (or visit) takes: 1 for the first; 2… only for an explicit
 * follow-up (追加评价) of an existing one, within what the policy allows. null means refused: a second
 * first rating, through whatever channel, or a follow-up too many. The database's unique
 * (case, visit, round) index is what finally guarantees it, also for submissions at the same instant.
 */
export function nextRound(policy: EvaluationPolicy, prior: readonly PriorEvaluation[], followUp: boolean): number | null {
  const hasFirst = prior.some((e) => e.round === 1);
  if (!followUp) return hasFirst ? null : 1;
  if (!hasFirst) return null;
  const next = prior.reduce((m, e) => Math.max(m, e.round), 0) + 1;
  return next <= 1 + policy.followUpsAllowed ? next : null;
}

/** GB/T 39046-2020 A.8 numbers satisfaction the other way round: 1 = 非常满意 … 5 = 非常不满意. */
export const toGbt39046SatisfactionCode = (level: Level): number => 6 - level;
export const fromGbt39046SatisfactionCode = (code: number): Level => (6 - code) as Level;
