import { ApiError } from '@/lib/api-client.ts';
import { usePortalText } from '@/i18n/use-portal-text.ts';

/** Shown while a portal page's data loads. */
export function PortalLoading() {
  const { t } = usePortalText();
  return (
    <p className="cz-loading" role="status" aria-live="polite">
      {t('pp.loading')}
    </p>
  );
}

/** What failed to load, in words a citizen understands, with a button to try again. */
export function PortalError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = usePortalText();
  const code = error instanceof ApiError ? error.code : '';
  const text = code === 'NETWORK_ERROR' ? t('pp.network') : code === 'RATE_LIMITED' ? t('pp.rateLimited') : t('pp.failed', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="cz-error pp-error" role="alert">
      <p>{text}</p>
      <button type="button" className="cz-button" onClick={onRetry}>
        {t('pp.retry')}
      </button>
    </div>
  );
}
