import { Checkbox, Form, Input } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { UNMASKABLE, type UnmaskField } from '../api/unmask-case.ts';

export interface UnmaskValues {
  fields: UnmaskField[];
  reason: string;
}

/** Asks which personal fields to show and why; the reason goes into the audit log. */
export function UnmaskModal(modal: FormModalProps<UnmaskValues>) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="unmask" title={t('cases.unmask')} okText={t('cases.unmaskConfirm')}>
      <p>{t('cases.unmaskWarning')}</p>
      <Form.Item label={t('cases.unmaskFields')} name="fields" rules={[{ required: true, type: 'array', min: 1, message: t('cases.unmaskFieldsRequired') }]}>
        <Checkbox.Group options={UNMASKABLE.map((f) => ({ value: f, label: t(`cases.applicant.${f}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('cases.unmaskReason')}
        name="reason"
        extra={t('cases.unmaskReasonHint')}
        rules={[
          {
            validator: async (_, v: string | undefined) => {
              const n = Array.from(v?.trim() ?? '').length;
              if (n < 5 || n > 200) throw new Error(t('cases.unmaskReasonLength'));
            },
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}
