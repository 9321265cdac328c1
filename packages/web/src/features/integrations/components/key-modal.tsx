import { Alert, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';

/** Shows a new API key once, with a copy button and the warning that it will not be shown again. */
export function KeyModal({ issued, onClose }: { issued: { name: string; apiKey: string } | null; onClose: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued?.apiKey ?? '');
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin): the key stays selectable in the field.
      document.querySelector<HTMLInputElement>('#issued-api-key')?.select();
    }
  };
  return (
    <Modal
      open={issued !== null}
      title={t('integrations.keyTitle', { name: issued?.name ?? '' })}
      onCancel={onClose}
      afterClose={() => setCopied(false)}
      mask={{ closable: false }}
      // The key leaves the page when the dialog closes.
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('integrations.keySaved')}
        </Button>
      }
    >
      <Alert type="warning" showIcon role="alert" title={t('integrations.keyOnce')} style={{ marginBottom: 16 }} />
      <label htmlFor="issued-api-key">{t('integrations.apiKey')}</label>
      <Space.Compact style={{ width: '100%', marginTop: 4 }}>
        <Input id="issued-api-key" readOnly value={issued?.apiKey ?? ''} onFocus={(e) => e.target.select()} style={{ fontFamily: 'monospace' }} />
        <Button onClick={() => void copy()}>{copied ? t('common.copied') : t('common.copy')}</Button>
      </Space.Compact>
      <p style={{ marginTop: 12 }}>{t('integrations.keyUsage')}</p>
    </Modal>
  );
}
