import { ITEM_CODE_PATTERN, ITEM_TYPE_NAMES, ITEM_TYPES } from '@hcp/domain';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { ServiceItemContent } from '../api/create-service-item.ts';
import type { ServiceItem } from '../api/list-service-items.ts';

export const itemTypeOptions = (locale: string) => ITEM_TYPES.map((v) => ({ value: v, label: ITEM_TYPE_NAMES[v][locale === 'zh-CN' ? 'zh' : 'en'] }));

function ContentFields() {
  const { t, locale } = useI18n();
  const required = (what: string) => ({ required: true, message: t('common.required', { what }) });
  return (
    <>
      <Form.Item label={t('items.name')} name="name" rules={[{ ...required(t('items.name')), whitespace: true, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('items.type')} name="itemType" rules={[{ required: true, message: t('common.choose', { what: t('items.type') }) }]}>
        <Select options={itemTypeOptions(locale)} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label={t('items.promisedDays')} name="promisedDays" rules={[required(t('items.promisedDays'))]}>
            <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label={t('items.statutoryDays')}
            name="statutoryDays"
            dependencies={['promisedDays']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v: number | null | undefined) => {
                  const promised = getFieldValue('promisedDays') as number | null;
                  if (v != null && promised != null && promised > v) throw new Error(t('items.promisedOverStatutory'));
                },
              }),
            ]}
          >
            <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('items.owner')} name="ownerUnitId" rules={[{ required: true, message: t('common.choose', { what: t('items.owner') }) }]}>
        <OrganisationSelect kinds={['unit']} />
      </Form.Item>
      <Form.Item label={t('common.region')} name="regionCode" rules={[{ required: true, message: t('common.choose', { what: t('common.region') }) }]}>
        <RegionSelect />
      </Form.Item>
      <Form.Item label={t('items.fee')} name="fee" rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('items.legalBasis')} name="legalBasis" rules={[{ max: 10000 }]}>
        <Input.TextArea rows={3} maxLength={10000} />
      </Form.Item>
    </>
  );
}

export function CreateServiceItemModal(modal: FormModalProps<ServiceItemContent & { code: string }>) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="item-create" title={t('items.create')} width={640}>
      <Form.Item
        label={t('items.code')}
        name="code"
        rules={[
          { required: true, message: t('common.required', { what: t('items.code') }) },
          { pattern: new RegExp(ITEM_CODE_PATTERN), message: t('items.codeInvalid') },
          { max: 64 },
        ]}
      >
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <ContentFields />
    </FormModal>
  );
}

/** Changing an item saves a new version; the old one stays in the history. */
export function ChangeServiceItemModal({ item, ...modal }: FormModalProps<ServiceItemContent> & { item: ServiceItem | undefined }) {
  const { t } = useI18n();
  return (
    <FormModal {...modal} name="item-change" title={t('items.changeTitle', { code: item?.code ?? '', version: (item?.version ?? 0) + 1 })} okText={t('items.saveVersion')} width={640}>
      <ContentFields />
    </FormModal>
  );
}
