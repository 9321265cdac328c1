import { Form, Input } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { Integration } from '../api/list-integrations.ts';

const unitsRule = (message: string) => ({ required: true, type: 'array' as const, min: 1, message });

export function CreateIntegrationModal(modal: FormModalProps<{ name: string; unitIds: number[] }>) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="integration-create" title={t('integrations.create')} okText={t('integrations.issue')}>
      <Form.Item label={t('integrations.name')} name="name" rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { what: t('integrations.name') }) }]} extra={t('integrations.nameHint')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('integrations.units')} name="unitIds" rules={[unitsRule(t('integrations.unitsRequired'))]} extra={t('integrations.unitsHint')}>
        <OrganisationSelect kinds={['unit']} multiple />
      </Form.Item>
    </FormModal>
  );
}

export function IntegrationUnitsModal({ integration, ...modal }: FormModalProps<{ unitIds: number[] }> & { integration: Integration | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="integration-units" title={t('integrations.unitsTitle', { name: integration?.name ?? '' })}>
      <Form.Item label={t('integrations.units')} name="unitIds" rules={[unitsRule(t('integrations.unitsRequired'))]}>
        <OrganisationSelect kinds={['unit']} multiple />
      </Form.Item>
    </FormModal>
  );
}
