import { useI18n } from '@/i18n/i18n-context.ts';
import { setElderMode, useElderMode } from '@/lib/elder-mode.ts';

/** 适老化: a toggle button for larger type, for pages without Ant Design. */
export function ElderModeToggle() {
  const { t } = useI18n();
  const on = useElderMode();
  return (
    <button type="button" className="elder-toggle" aria-pressed={on} onClick={() => setElderMode(!on)}>
      {t('elder.label')}
      <span aria-hidden="true" className="elder-toggle-state">{on ? 'A+' : 'A'}</span>
    </button>
  );
}
