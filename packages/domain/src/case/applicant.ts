import { maskIdNumber, maskPersonName, maskPhone } from '../privacy/mask.ts';

/** Applicant types (申请人类型), GB/T 39046-2020 A.4. */
export const APPLICANT_TYPES = [1, 2, 3, 4, 5, 6] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_NAMES: Record<ApplicantType, { zh: string; en: string }> = {
  1: { zh: '自然人', en: 'natural person' },
  2: { zh: '企业法人', en: 'enterprise legal person' },
  3: { zh: '事业法人', en: 'public institution legal person' },
  4: { zh: '社会组织法人', en: 'social organisation legal person' },
  5: { zh: '行政机关', en: 'administrative organ' },
  6: { zh: '其他组织', en: 'other organisation' },
};

/** Case types (办件类型), GB/T 39046-2020 A.6. */
export const CASE_TYPES = [1, 2, 9] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_NAMES: Record<CaseType, { zh: string; en: string }> = {
  1: { zh: '即办件', en: 'immediate case' },
  2: { zh: '承诺件', en: 'promised case' },
  9: { zh: '其他', en: 'other' },
};

export const CHANNELS = ['online', 'offline'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_NAMES: Record<Channel, { zh: string; en: string }> = {
  online: { zh: '线上', en: 'online' },
  offline: { zh: '线下', en: 'offline' },
};

/** Case numbers (办件编号, GB/T 39046 an..50): letters, digits, ".", "_" and "-"; at most 50. */
export const CASE_NO_PATTERN = '^[0-9A-Za-z._-]+$';
/** Certificate numbers: ID card, passport or unified social credit code; 2 to 32 characters. */
export const ID_NUMBER_PATTERN = '^[0-9A-Za-z()-]+$';
/** Phone numbers as people write them: digits, spaces and "-", an optional leading "+"; 5 to 20 characters. */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 -]*$';

export const isNaturalPerson = (type: ApplicantType) => type === 1;

/**
 * What staff see of an applicant by default. Only a natural person's name is personal data; an
 * organisation's name is public and shown whole. Certificate numbers and phones are always masked.
 */
export function maskApplicant(a: { type: ApplicantType; name: string; idNumber?: string | null; phone?: string | null }) {
  return {
    name: isNaturalPerson(a.type) ? maskPersonName(a.name) : a.name.trim(),
    idNumber: a.idNumber ? maskIdNumber(a.idNumber) : null,
    phone: a.phone ? maskPhone(a.phone) : null,
  };
}
