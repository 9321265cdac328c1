import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { usePageFormDraft } from '@/lib/form-draft.ts';
import { applyServerErrors } from '@/lib/form-errors.ts';
import { setPublicReply } from '../api/work-orders.ts';
import type { WorkOrder } from '../api/types.ts';
import { workOrderErrorMessage } from '../text.ts';

/** 公开答复 of a closed order: published with the masked rating on the portal; edited or withdrawn here. */
export function PublicReplyCard({ order, canEdit, onSaved, title }: { order: WorkOrder; canEdit: boolean; onSaved: (message: string) => void; title: ReactNode }) {
  const { t, locale } = useI18n();
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        {order.publicReplyAt ? t('wo.public.at', { at: formatInstant(order.publicReplyAt, locale) }) : t('wo.public.none')}
      </Typography.Paragraph>
      {!canEdit ? (
        order.publicReply && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{order.publicReply}</Typography.Paragraph>
      ) : (
        <PublicReplyForm order={order} onSaved={onSaved} />
      )}
    </Card>
  );
}

/** The reply's text, saved or withdrawn; what was typed survives the end of the session (usePageFormDraft; the page is the order's own). */
function PublicReplyForm({ order, onSaved }: { order: WorkOrder; onSaved: (message: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const draft = usePageFormDraft('public-reply', form);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (text: string | null) => {
    setPending(true);
    setError(null);
    try {
      await setPublicReply(order.id, text);
      onSaved(text === null ? t('wo.public.withdrawn') : t('wo.public.saved'));
      if (text === null) form.setFieldsValue({ text: '' });
      draft.discard();
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(workOrderErrorMessage(e, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <Form form={form} name="public-reply" layout="vertical" disabled={pending} initialValues={{ text: order.publicReply ?? '' }} onFinish={(v) => void save(v.text.trim())}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form.Item label={t('wo.public.label')} name="text" extra={t('wo.public.hint')} rules={[{ required: true, whitespace: true, message: t('wo.public.required') }]}>
        <Input.TextArea rows={4} maxLength={500} showCount />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" disabled={pending} aria-busy={pending}>
          {t('wo.public.save')}
        </Button>
        {order.publicReply && (
          <Button danger disabled={pending} onClick={() => void save(null)}>
            {t('wo.public.withdraw')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
