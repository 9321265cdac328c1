import { LEVELS, type EvaluationPolicy, type Label, type Level } from '@hcp/domain';

/** A reason tag as the editor holds it: its level is the list it sits in. */
export interface TagRow extends Label {
  code: string;
}

/** The editor's values: the policy, with the tags split by level so each level has its own list. */
export interface PolicyFormValues extends Omit<EvaluationPolicy, 'tags'> {
  tagsByLevel: Record<Level, TagRow[]>;
  note?: string;
}

export type FieldPath = (string | number)[];

/** The scalar settings the editor shows, in groups; their labels are `policy.field.<name>`. */
export const SETTING_GROUPS = {
  rating: ['textMaxLength', 'opensAt', 'badRatingNeeds', 'defaultAfterWorkingDays', 'defaultLevel', 'followUpsAllowed', 'clerkSeesRatingsAfterHours'],
  invitations: ['invitationValidHours', 'reminderWorkingDaysBefore', 'reminderHour', 'feedbackLinkValidHours'],
  devices: ['devicePairingMinutes', 'deviceRequestMinutes', 'devicePairPerIpPerHour'],
  publicChannels: ['signedLinkMaxHours', 'publicSessionMinutes', 'qrLookbackDays', 'otpValidMinutes', 'otpMaxAttempts', 'otpPerPhonePerHour', 'otpPerIpPerHour', 'identifyPerIpPerHour', 'suggestionsPerIpPerHour'],
} as const satisfies Record<string, readonly (keyof EvaluationPolicy)[]>;

export const SMS_TEMPLATE_KINDS = ['invitation', 'reminder', 'feedback', 'rectification'] as const;

export function toFormValues(p: EvaluationPolicy): PolicyFormValues {
  const { tags, ...rest } = p;
  const tagsByLevel = Object.fromEntries(LEVELS.map((l) => [l, tags.filter((t) => t.level === l).map(({ code, zh, en }) => ({ code, zh, en }))])) as Record<Level, TagRow[]>;
  return structuredClone({ ...rest, tagsByLevel });
}

/**
 * The policy to save: the version it started from with the editor's values over it, so what the
 * editor does not show (the suggestion box questionnaire) is kept as it was. Tags go back into one
 * list, level 5 first, and `tagOrigin` tells where each of them sits in the editor.
 */
export function fromFormValues(base: EvaluationPolicy, v: PolicyFormValues): { policy: EvaluationPolicy; tagOrigin: { level: Level; index: number }[] } {
  const { tagsByLevel, note: _note, ...rest } = v;
  const tagOrigin: { level: Level; index: number }[] = [];
  const tags = LEVELS.flatMap((level) =>
    (tagsByLevel[level] ?? []).map((t, index) => {
      tagOrigin.push({ level, index });
      return { code: t.code.trim(), level, zh: t.zh.trim(), en: (t.en ?? '').trim() };
    }),
  );
  const trimLabel = (l: Label) => ({ zh: l.zh.trim(), en: (l.en ?? '').trim() });
  const policy: EvaluationPolicy = {
    ...base,
    ...rest,
    levels: Object.fromEntries(LEVELS.map((l) => [l, trimLabel(rest.levels[l])])) as Record<Level, Label>,
    badLevels: [...rest.badLevels].sort((a, b) => b - a),
    content: {
      online: rest.content.online.map((x) => ({ code: x.code.trim(), ...trimLabel(x) })),
      offline: rest.content.offline.map((x) => ({ code: x.code.trim(), ...trimLabel(x) })),
    },
    tags,
  };
  return { policy, tagOrigin };
}

/**
 * Where a problem the server names ("policy.tags.3.code", "policy.levels.2.zh") sits in the editor,
 * with the segments typed as the form's own names are (list indexes and levels as numbers).
 */
export function formPathOf(field: string, tagOrigin: { level: Level; index: number }[]): FieldPath | null {
  const parts: FieldPath = field.replace(/^(body\.)?policy\.?/, '').split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (parts.length === 0) return null;
  if (parts[0] === 'tags') {
    if (typeof parts[1] !== 'number') return null;
    const origin = tagOrigin[parts[1]];
    return origin ? ['tagsByLevel', origin.level, origin.index, ...parts.slice(2)] : null;
  }
  return parts;
}

/** The next free code of a level: 2xx for level 2, one above the highest in use. */
export function nextTagCode(level: Level, rows: readonly TagRow[] | undefined): string {
  const used = (rows ?? []).map((r) => Number(r.code)).filter((n) => Math.floor(n / 100) === level);
  const next = used.length ? Math.max(...used) + 1 : level * 100 + 1;
  return next < (level + 1) * 100 ? String(next) : '';
}
