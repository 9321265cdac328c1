import { Form, Input } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';

export interface RegisterValues {
  windowId: number;
  name: string;
}

/** Registers the rating device of a window; one active device per window. */
export function RegisterModal(props: FormModalProps<RegisterValues>) {
  const { t } = useI18n();
  return (
    <FormModal<RegisterValues> {...props} name="device-register" title={t('devices.register')} okText={t('devices.registerOk')}>
      <Form.Item label={t('devices.window')} name="windowId" rules={[{ required: true, message: t('common.choose', { what: t('devices.window') }) }]}>
        <OrganisationSelect kinds={['window']} />
      </Form.Item>
      <Form.Item label={t('devices.name')} name="name" extra={t('devices.nameHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { what: t('devices.name') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
