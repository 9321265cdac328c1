import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { verifyAudit, type AuditVerification } from '../api/verify-audit.ts';

/** 校验: recomputes the hash chain and says whether it is intact or where it breaks. */
export function VerifyButton({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setPending(true);
    setError(null);
    try {
      setResult(await verifyAudit());
      onDone();
    } catch (e) {
      setResult(null);
      setError(errorMessage(e, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Button onClick={() => void run()} disabled={pending} aria-busy={pending}>
        {t('audit.verify')}
      </Button>
      <div aria-live="polite">
        {error && <Alert type="error" showIcon title={t('audit.verifyFailed')} description={error} action={<Button size="small" onClick={() => void run()}>{t('page.retry')}</Button>} />}
        {result && result.brokenAt === null && <Alert type="success" showIcon title={t('audit.intact', { n: result.checked })} />}
        {result && result.brokenAt !== null && <Alert type="error" showIcon title={t('audit.broken', { seq: result.brokenAt, n: result.checked })} description={result.reason} />}
      </div>
    </Space>
  );
}
