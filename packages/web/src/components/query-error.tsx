import { Alert, Button } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';

/** What failed to load and why, with a button to try again. Renders nothing without an error. */
export function QueryError({ error, what, onRetry }: { error: unknown; what: string; onRetry: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('common.loadFailed', { what })}
      description={errorMessage(error, t)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('page.retry')}
        </Button>
      }
    />
  );
}
