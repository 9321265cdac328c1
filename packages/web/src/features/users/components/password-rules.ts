import type { Rule } from 'antd/es/form';
import type { I18n } from '@/i18n/i18n-context.ts';

/** The server's password rules (at least 10 characters, not the same few over and over), checked first here. */
export const passwordRules = (t: I18n['t']): Rule[] => [
  { required: true, message: t('common.required', { what: t('users.password') }) },
  {
    validator: async (_, v: string | undefined) => {
      if (!v) return;
      if (v.length < 10) throw new Error(t('users.passwordShort'));
      if (new Set(v).size < 4) throw new Error(t('users.passwordRepeats'));
    },
  },
];
