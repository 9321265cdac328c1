import { Alert, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { uploadAttachment } from '../api/work-orders.ts';
import type { Attachment } from '../api/types.ts';
import { workOrderErrorMessage } from '../text.ts';
import { FileButton } from './file-button.tsx';

export interface AttachmentPickerProps {
  id?: string;
  workOrderId: number;
  /** The order's attachments so far. */
  attachments: readonly Attachment[];
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** An upload was stored: the order's attachments changed. */
  onUploaded?: (attachment: Attachment) => void;
}

/**
 * The attachments (附件) a step, request or decision refers to, as a form control: tick the order's
 * attachments, or upload a new one, which is stored at once (the server checks its content and size)
 * and ticked.
 */
export function AttachmentPicker({ id, workOrderId, attachments, value = [], onChange, onUploaded }: AttachmentPickerProps) {
  const { t } = useI18n();
  const [added, setAdded] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const all = [...attachments, ...added.filter((a) => !attachments.some((b) => b.id === a.id))];

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const a = await uploadAttachment(workOrderId, file);
      setAdded((list) => [...list, a]);
      onChange?.([...new Set([...value, a.id])]);
      setDone(t('wo.attach.uploaded', { name: a.filename }));
      onUploaded?.(a);
    } catch (e) {
      setError(workOrderErrorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} role="group" aria-label={t('wo.attach.choose')} {...(id ? { id } : {})}>
      {all.length > 0 && (
        <Checkbox.Group
          value={value}
          onChange={(ids) => onChange?.(ids as number[])}
          options={all.map((a) => ({ value: a.id, label: a.filename }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        />
      )}
      <FileButton label={busy ? t('wo.attach.uploading') : t('wo.attach.upload')} busy={busy} onFile={(file) => void upload(file)} />
      <span aria-live="polite">{done && <Typography.Text type="secondary">{done}</Typography.Text>}</span>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Space>
  );
}
