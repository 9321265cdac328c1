import { APPLICANT_TYPE_NAMES, CASE_STAGE_NAMES, CASE_TYPE_NAMES, type ApplicantType, type CaseStage, type CaseType } from '@hcp/domain';
import type { Locale } from '@/i18n/dictionary.ts';

const pick = (names: { zh: string; en: string } | undefined, locale: Locale, fallback: string) => (names ? names[locale === 'zh-CN' ? 'zh' : 'en'] : fallback);

/** 办件环节, 办件类型 and 申请人类型 in the language shown; the names come from the domain package. */
export const stageName = (s: string, locale: Locale) => pick(CASE_STAGE_NAMES[s as CaseStage], locale, s);
export const caseTypeName = (c: number, locale: Locale) => pick(CASE_TYPE_NAMES[c as CaseType], locale, String(c));
export const applicantTypeName = (a: number, locale: Locale) => pick(APPLICANT_TYPE_NAMES[a as ApplicantType], locale, String(a));

/** A date and time in Beijing time, as staff read it (the one formatter of lib/format-instant.ts). */
export { formatInstant } from '@/lib/format-instant.ts';

export const STAGE_COLORS: Record<string, string> = { completed: 'green', delivered: 'green', refused: 'red', withdrawn: 'default', processing: 'blue', accepted: 'blue' };
