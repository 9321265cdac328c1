import { ROLE_NAMES, type StaffRole } from '@hcp/domain';
import type { Locale } from '@/i18n/dictionary.ts';

/** The role's name in the language shown, e.g. sysadmin → 系统管理员. Names come from the domain package. */
export function roleLabel(role: StaffRole, locale: Locale): string {
  const names = ROLE_NAMES[role];
  return locale === 'zh-CN' ? names.zh : names.en;
}
