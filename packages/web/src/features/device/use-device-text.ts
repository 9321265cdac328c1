import { useCallback } from 'react';
import { DEVICE_MESSAGES, type DeviceMessageKey } from '@/i18n/device-messages.ts';
import { format } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';

/** The device's words in the current language, and a label of the policy (zh/en) in it too. */
export function useDeviceText() {
  const { locale } = useI18n();
  const t = useCallback((key: DeviceMessageKey, vars?: Record<string, string | number>) => format(DEVICE_MESSAGES[locale][key], vars), [locale]);
  const label = useCallback((l: { zh: string; en: string }) => (locale === 'zh-CN' ? l.zh : l.en || l.zh), [locale]);
  return { t, label, locale };
}
