import type { Level } from './policy.ts';

/** What an SMS reply (短信回复) to an invitation asks for. */
export type SmsReply = { kind: 'rating'; level: Level } | { kind: 'opt_out' } | { kind: 'other' };

/** The unsubscribe words carriers require SMS senders to honour (退订). */
const OPT_OUT_WORDS = new Set(['TD', 'T', '退订', '退定']);

/**
 * Reads a reply: a single digit 1–5 is a rating (5 非常满意 … 1 非常不满意), also written full-width
 * (４) and with spaces or a trailing full stop around it; TD, T or 退订 in any case and width is an
 * opt-out; everything else is "other" (never guessed at: "45" or "5分" are not ratings).
 *
 * @example parseSmsReply(' ４ ') // → { kind: 'rating', level: 4 }
 * @example parseSmsReply('td') // → { kind: 'opt_out' }
 */
export function parseSmsReply(text: string): SmsReply {
  // NFKC folds full-width digits and letters (４, ＴＤ) and the ideographic space to their plain forms.
  const t = text.normalize('NFKC').replace(/[\s.。!！]+/g, '').toUpperCase();
  if (/^[1-5]$/.test(t)) return { kind: 'rating', level: Number(t) as Level };
  if (OPT_OUT_WORDS.has(t)) return { kind: 'opt_out' };
  return { kind: 'other' };
}
