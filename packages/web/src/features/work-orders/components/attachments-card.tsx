import { Alert, Button, Card, Table, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { uploadAttachment } from '../api/work-orders.ts';
import type { Attachment } from '../api/types.ts';
import { workOrderErrorMessage } from '../text.ts';
import { FileButton } from './file-button.tsx';

/** The order's attachments (附件) with their downloads, and an upload for those who may add evidence. */
export function AttachmentsCard({ workOrderId, attachments, canUpload, onUploaded, onDownload, title, sizeText }: {
  workOrderId: number;
  attachments: readonly Attachment[];
  canUpload: boolean;
  onUploaded: () => void;
  onDownload: (a: Attachment) => void;
  title: ReactNode;
  sizeText: (bytes: number) => string;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const a = await uploadAttachment(workOrderId, file);
      setDone(t('wo.attach.uploaded', { name: a.filename }));
      onUploaded();
    } catch (e) {
      setError(workOrderErrorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={title}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        canUpload && <FileButton label={busy ? t('wo.attach.uploading') : t('wo.attach.upload')} busy={busy} onFile={(file) => void upload(file)} />
      }
    >
      <div aria-live="polite">{done && <Typography.Paragraph type="secondary">{done}</Typography.Paragraph>}</div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Table<Attachment>
        aria-label={t('wo.section.attachments')}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...attachments]}
        locale={{ emptyText: t('wo.attach.none') }}
        columns={[
          {
            title: t('common.name'),
            key: 'name',
            render: (_, a) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onDownload(a)} aria-label={t('wo.attach.download', { name: a.filename })}>
                {a.filename}
              </Button>
            ),
          },
          { title: t('wo.attach.size'), key: 'size', render: (_, a) => sizeText(a.sizeBytes) },
          { title: t('wo.attach.uploadedAt'), key: 'at', render: (_, a) => formatInstant(a.uploadedAt, locale) },
        ]}
      />
    </Card>
  );
}
