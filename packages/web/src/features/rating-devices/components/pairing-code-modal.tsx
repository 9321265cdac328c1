import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import type { PairingCode } from '../api/register-device.ts';

/**
 * Shows a pairing code once, large enough to read across a counter, with when it stops working.
 * It is typed on the tablet at /device; it is not stored in the page after the dialog closes.
 */
export function PairingCodeModal({ issued, onClose }: { issued: PairingCode | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Modal
      open={issued !== null}
      title={t('devices.codeTitle', { name: issued?.device.name ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('devices.codeDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('devices.codeOnce')} style={{ marginBottom: 16 }} />
      <div style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('devices.pairingCode')}</Typography.Text>
        <output
          aria-label={t('devices.pairingCode')}
          data-testid="pairing-code"
          style={{ display: 'block', fontSize: 56, fontWeight: 700, letterSpacing: '0.2em', fontFamily: 'ui-monospace, monospace', margin: '8px 0' }}
        >
          {issued?.pairingCode}
        </output>
        <Typography.Paragraph>{t('devices.codeExpires', { at: formatInstant(issued?.pairingExpiresAt, locale) })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('devices.codeUsage', { window: issued?.device.windowName ?? '' })}</Typography.Paragraph>
      </div>
    </Modal>
  );
}
