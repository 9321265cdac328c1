import { Alert, Form, Input } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';

/** Asks why the scan of a paper form is read: it may carry the evaluator's name, so reading it is audited. */
export function ScanModal(props: FormModalProps<{ reason: string }>) {
  const { t } = useI18n();
  return (
    <FormModal<{ reason: string }> {...props} name="evaluation-scan" title={t('evaluations.scan.title')} okText={t('evaluations.scan.download')}>
      <Alert type="warning" showIcon title={t('evaluations.scan.warning')} style={{ marginBottom: 16 }} />
      <Form.Item
        label={t('cases.unmaskReason')}
        name="reason"
        extra={t('cases.unmaskReasonHint')}
        rules={[{ validator: (_, v: string | undefined) => (v && Array.from(v.trim()).length >= 5 && Array.from(v.trim()).length <= 200 ? Promise.resolve() : Promise.reject(new Error(t('cases.unmaskReasonLength')))) }]}
      >
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
