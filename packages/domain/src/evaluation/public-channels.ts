import type { EvaluationPolicy, PolicyProblem } from './policy.ts';

/**
 * Rules of the public channels (公开评价渠道) that need no I/O: the signed portal link (签名链接),
 * identification at a window's QR code (二维码), and the suggestion box (意见箱).
 */

/** The fields of a signed link from a service portal: `/e/s?k=…&c=…&x=…&p=…&ch=…&sig=…`. */
export interface SignedLinkFields {
  /** The integration's key id (hk_…). */
  k: string;
  /** The case number (办件编号). */
  c: string;
  /** Expiry, epoch seconds. */
  x: number;
  /** The platform code, optional (an empty string when absent). */
  p?: string | null;
  ch: 'pc' | 'mobile';
}

/**
 * The exact text the portal signs with HMAC-SHA256 under its integration secret: "k|c|x|p|ch",
 * an absent platform being the empty string.
 * @example signedLinkMessage({ k: 'hk_a', c: 'LW-1', x: 1790000000, ch: 'pc' }) // 'hk_a|LW-1|1790000000||pc'
 */
export function signedLinkMessage(f: SignedLinkFields): string {
  return [f.k, f.c, String(f.x), f.p ?? '', f.ch].join('|');
}

/** Why a signed link's expiry is not acceptable now, or null when it is. */
export function signedLinkExpiryProblem(policy: EvaluationPolicy, expiresAtSeconds: number, now: Date): 'expired' | 'expiry_too_far' | null {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (expiresAtSeconds <= nowSeconds) return 'expired';
  // A portal may not mint links that live for weeks: a leaked one would stay usable that long.
  if (expiresAtSeconds - nowSeconds > policy.signedLinkMaxHours * 3600) return 'expiry_too_far';
  return null;
}

/** How two spellings of a person's name compare: full-width folded, spaces and middle dots dropped, case ignored. */
export function normalisePersonName(name: string): string {
  return name.normalize('NFKC').replace(/[\s·•・.]/g, '').toUpperCase();
}

/** A mainland mobile number, with or without +86, the only kind the SMS code goes to. */
export function isMobilePhone(phone: string): boolean {
  return /^(\+?86)?1[3-9][0-9]{9}$/.test(phone.replace(/[\s-]/g, ''));
}

/** What an evaluator writes into the suggestion box (意见箱). */
export interface SuggestionInput {
  /** Question code → answer: 1–5 for a `scale` question, 1 (是) or 0 (否) for a `yes_no` one. */
  answers?: Record<string, number>;
  /** 有何改进意见: free text. */
  text?: string | null;
  contactPhone?: string | null;
}

/**
 * Checks a suggestion against the policy version in force: answers only to its questions and in
 * their range, the text within the policy's limit, a mobile number when one is given, and at least
 * one answer or a text. Returns every problem with its field.
 */
export function checkSuggestion(policy: EvaluationPolicy, s: SuggestionInput): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const questions = new Map(policy.suggestionQuestions.map((q) => [q.code, q]));
  const answers = Object.entries(s.answers ?? {});
  for (const [code, value] of answers) {
    const q = questions.get(code);
    if (!q) problems.push({ field: `answers.${code}`, reason: 'not a question of this policy version' });
    else if (q.kind === 'scale' && !(Number.isInteger(value) && value >= 1 && value <= 5)) problems.push({ field: `answers.${code}`, reason: 'must be 1 to 5' });
    else if (q.kind === 'yes_no' && value !== 0 && value !== 1) problems.push({ field: `answers.${code}`, reason: 'must be 1 (yes) or 0 (no)' });
  }
  const text = s.text?.trim() ?? '';
  if (Array.from(text).length > policy.textMaxLength) problems.push({ field: 'text', reason: `at most ${policy.textMaxLength} characters` });
  if (s.contactPhone && !isMobilePhone(s.contactPhone)) problems.push({ field: 'contactPhone', reason: 'a mobile number of 11 digits' });
  if (answers.length === 0 && text.length === 0) problems.push({ field: 'answers', reason: 'answer at least one question or write a suggestion' });
  return problems;
}

/** The start of the clock hour a rate-limit counter counts in. */
export function rateWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
}
