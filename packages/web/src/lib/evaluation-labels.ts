import { EVALUATION_CHANNEL_INFO, NATIONAL_DEFAULT_POLICY, type EvaluationChannel, type Label, type Level } from '@hcp/domain';
import type { Locale } from '@/i18n/dictionary.ts';

/**
 * Names of evaluation channels (评价渠道) and levels in the language shown. Several console pages
 * show them, so they live here; the names themselves come from the domain package.
 */
export const labelIn = (label: Label, locale: Locale): string => (locale === 'zh-CN' ? label.zh : label.en || label.zh);

export function channelName(channel: string, locale: Locale): string {
  const info = EVALUATION_CHANNEL_INFO[channel as EvaluationChannel];
  return info ? labelIn(info, locale) : channel;
}

/** A level's name under a policy's labels, the national ones when no policy is at hand. */
export function levelName(level: number, locale: Locale, levels: Record<Level, Label> = NATIONAL_DEFAULT_POLICY.levels): string {
  const label = levels[level as Level];
  return label ? labelIn(label, locale) : String(level);
}
