import { useId } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';

/** A plain <select> of languages, for pages without Ant Design. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <span className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
