import { isBadLevel, type EvaluationPolicy, type Level } from '../evaluation/policy.ts';
import type { WorkOrderAction, WorkOrderState } from './work-order.ts';

/**
 * The end of the closed loop (DOMAIN.md §4 steps 3–4) as pure rules: feedback (反馈) to the evaluator,
 * the revisit (回访) by a 12345 operator or by the evaluator online, and the public reply (公开答复)
 * of a closed order.
 *
 * - Feedback must say what was done (a text); the evaluator gets it by SMS with a link to their page.
 * - A satisfied revisit records the evaluator's new rating (level 1–5, optional tags and text) as the
 *   case's latest evaluation, in a round of its own: it is an explicit revisit, not a second first
 *   rating, so the once-per-case rule and the follow-up limit do not refuse it. The original stays in
 *   history, superseded by the new one. A mistaken rating (误评) is corrected the same way: the
 *   evaluator says so and gives the rating they meant.
 * - A new rating that is itself bad (a level of the policy's badLevels) is not "satisfied": it is
 *   refused with a clear error, and the revisit is to be recorded as not satisfied, which sends the
 *   order back to the unit once (复核) or closes it unresolved. So a revisit never opens a second order.
 * - Not satisfied needs the evaluator's reason.
 */

/** Longest text of a step (what was done, what the evaluator said). */
export const STEP_TEXT_MAX_LENGTH = 1000;
/** Longest public reply (公开答复). */
export const PUBLIC_REPLY_MAX_LENGTH = 500;

export interface StepInput {
  text?: string | null | undefined;
  /** revisit_satisfied only: the evaluator's new level, its tags, and whether the first rating was a mistake (误评). */
  level?: number | undefined;
  tags?: string[] | undefined;
  mistaken?: boolean | undefined;
}

export interface StepProblem {
  field: string;
  reason: string;
}

const chars = (s: string | null | undefined) => Array.from(s?.trim() ?? '').length;

/**
 * What a step must carry besides its action: feedback and an unsatisfied revisit need a text; a
 * satisfied revisit needs the new level, which must not be bad; no other step carries a rating.
 * Tags and the text of the new rating are then checked against the policy by checkSubmission.
 */
export function checkStepInput(policy: EvaluationPolicy, action: WorkOrderAction, input: StepInput): StepProblem[] {
  const problems: StepProblem[] = [];
  if (chars(input.text) > STEP_TEXT_MAX_LENGTH) problems.push({ field: 'text', reason: `at most ${STEP_TEXT_MAX_LENGTH} characters` });
  const carriesRating = input.level !== undefined || (input.tags !== undefined && input.tags.length > 0) || input.mistaken !== undefined;
  if (action === 'revisit_satisfied') {
    if (input.level === undefined) problems.push({ field: 'level', reason: 'a satisfied revisit records the evaluator’s new level (1 to 5)' });
    else if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5) problems.push({ field: 'level', reason: 'must be 1 (非常不满意) to 5 (非常满意)' });
    else if (isBadLevel(policy, input.level as Level)) {
      problems.push({ field: 'level', reason: 'a bad rating means the evaluator is not satisfied: record revisit_unsatisfied with their reason' });
    }
    return problems;
  }
  if (carriesRating) problems.push({ field: input.level !== undefined ? 'level' : input.tags?.length ? 'tags' : 'mistaken', reason: 'only a satisfied revisit carries a new rating' });
  if (action === 'feedback' && chars(input.text) === 0) problems.push({ field: 'text', reason: 'feedback tells the evaluator what was done' });
  if (action === 'revisit_unsatisfied' && chars(input.text) === 0) problems.push({ field: 'text', reason: 'record why the evaluator is not satisfied' });
  return problems;
}

/** The round of a revisit rating: after every earlier round of the visit, whatever the follow-up limit. */
export function revisitRound(prior: readonly { round: number }[]): number {
  return prior.reduce((m, e) => Math.max(m, e.round), 0) + 1;
}

/** Where the evaluator's page says the order stands. */
export type CitizenStage = 'handling' | 'awaiting_revisit' | 'resolved' | 'unresolved' | 'closed';

export function citizenStage(state: WorkOrderState): CitizenStage {
  if (state === 'feedback_given') return 'awaiting_revisit';
  if (state === 'closed_resolved') return 'resolved';
  if (state === 'closed_unresolved') return 'unresolved';
  if (state.startsWith('closed_')) return 'closed';
  return 'handling';
}

/**
 * The steps the evaluator sees on their page (without who took them, and with a text only for
 * feedback): internal requests such as appeals and extensions are not shown.
 */
export const CITIZEN_VISIBLE_STEPS: readonly string[] = [
  'open', 'assign', 'verify', 'decide_fix_now', 'decide_fix_by_deadline', 'decide_explain', 'rectify', 'feedback', 'revisit_satisfied', 'revisit_unsatisfied',
];

/**
 * The closed states whose order may carry a public reply. An order closed by an upheld appeal is
 * left out: a rating found mistaken or malicious is not published as a bad rating.
 */
export const PUBLIC_REPLY_STATES: readonly WorkOrderState[] = ['closed_resolved', 'closed_unresolved', 'closed_unrectifiable'];

// A mobile number, an ID card number (18 or 15 digits) or a landline with its area code.
const PERSONAL_NUMBER = /(?<![0-9])(1[3-9][0-9]{9}|[0-9]{17}[0-9Xx]|[0-9]{15}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])/;

/**
 * A public reply says what was done for everyone to read, with the rating masked: it must not carry
 * a phone or ID number (a name cannot be told apart reliably; the unit is responsible for leaving it out).
 */
export function checkPublicReply(text: string): StepProblem[] {
  const n = chars(text);
  if (n === 0) return [{ field: 'text', reason: 'a public reply says what was done' }];
  if (n > PUBLIC_REPLY_MAX_LENGTH) return [{ field: 'text', reason: `at most ${PUBLIC_REPLY_MAX_LENGTH} characters` }];
  if (PERSONAL_NUMBER.test(text)) return [{ field: 'text', reason: 'a public reply must not contain a phone or ID number' }];
  return [];
}
