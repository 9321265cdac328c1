import { LEVELS, type EvaluationPolicy, type Indicator, type Label, type Level, type ReasonTag } from './policy.ts';

/** What changed in a list of coded entries (tags or indicators), matched by code. */
export interface ListDiff<T> {
  added: T[];
  removed: T[];
  changed: { code: string; before: T; after: T }[];
}

/** A changed scalar setting: a number (days, hours, limits), a rule or a stage, or the bad levels. */
export interface SettingChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The difference between two versions of an evaluation policy (评价规则版本差异). */
export interface PolicyDiff {
  unchanged: boolean;
  levels: { level: Level; before: Label; after: Label }[];
  tags: ListDiff<ReasonTag>;
  indicators: { online: ListDiff<Indicator>; offline: ListDiff<Indicator> };
  settings: SettingChange[];
}

// Compared structurally; everything else on the policy is a scalar setting, so a field added to
// EvaluationPolicy later shows up in `settings` without touching this file.
const STRUCTURED = new Set(['levels', 'content', 'tags']);

function diffList<T extends { code: string }>(before: readonly T[], after: readonly T[]): ListDiff<T> {
  const old = new Map(before.map((x) => [x.code, x]));
  const now = new Map(after.map((x) => [x.code, x]));
  return {
    added: after.filter((x) => !old.has(x.code)),
    removed: before.filter((x) => !now.has(x.code)),
    changed: after.flatMap((x) => {
      const was = old.get(x.code);
      return was && !sameValue(was, x) ? [{ code: x.code, before: was, after: x }] : [];
    }),
  };
}

/** Deep equality on JSON values; arrays of numbers are sets here ([2, 1] is [1, 2]), objects ignore key order. */
function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.every((x) => typeof x === 'number') ? [...(v as number[])].sort((x, y) => x - y) : v;
    return `[${items.map(canonical).join(',')}]`;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

const isEmpty = (d: ListDiff<unknown>) => d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;

/**
 * What a new policy version changes against the one in force before it: level labels, reason tags
 * and indicators added, removed or relabelled (matched by code), and every other setting whose
 * value differs. Shown to the administrator who saves a version and kept in the audit log.
 *
 * @example diffPolicies(p, { ...p, defaultAfterWorkingDays: 7 }).settings
 * // → [{ field: 'defaultAfterWorkingDays', before: 5, after: 7 }]
 */
export function diffPolicies(before: EvaluationPolicy, after: EvaluationPolicy): PolicyDiff {
  const levels = LEVELS.flatMap((level) => (sameValue(before.levels[level], after.levels[level]) ? [] : [{ level, before: before.levels[level], after: after.levels[level] }]));
  const tags = diffList(before.tags, after.tags);
  const indicators = { online: diffList(before.content.online, after.content.online), offline: diffList(before.content.offline, after.content.offline) };
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !STRUCTURED.has(f)).sort();
  const settings = fields.flatMap((field) => {
    const was = (before as unknown as Record<string, unknown>)[field];
    const now = (after as unknown as Record<string, unknown>)[field];
    return sameValue(was, now) ? [] : [{ field, before: was ?? null, after: now ?? null }];
  });
  const unchanged = levels.length === 0 && isEmpty(tags) && isEmpty(indicators.online) && isEmpty(indicators.offline) && settings.length === 0;
  return { unchanged, levels, tags, indicators, settings };
}
