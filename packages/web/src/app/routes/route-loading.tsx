import { useI18n } from '@/i18n/i18n-context.ts';

/** Shown while a route's code or data loads for the first time. */
export function RouteLoading() {
  const { t } = useI18n();
  return (
    <div className="route-loading" role="status" aria-live="polite">
      {t('a11y.loading')}
    </div>
  );
}
