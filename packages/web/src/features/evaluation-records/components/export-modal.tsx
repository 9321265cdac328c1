import { DatePicker, Form, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal, type FormModalProps } from '@/components/form-modal.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';

export interface ExportValues {
  format: 'csv' | 'json';
  period: [Dayjs, Dayjs];
  regionCode?: string | null;
}

/** The GB/T 39046 export of a period: CSV or JSON, at most a year, optionally one region. */
export function ExportModal(props: FormModalProps<ExportValues>) {
  const { t } = useI18n();
  return (
    <FormModal<ExportValues> {...props} name="evaluation-export" title={t('evaluations.export.title')} okText={t('evaluations.export.download')}>
      <Typography.Paragraph type="secondary">{t('evaluations.export.hint')}</Typography.Paragraph>
      <Form.Item label={t('evaluations.export.format')} name="format" rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'json', label: 'JSON' },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('evaluations.export.period')} name="period" rules={[{ required: true, message: t('common.choose', { what: t('evaluations.export.period') }) }]}>
        <DatePicker.RangePicker allowEmpty={[false, false]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('common.region')} name="regionCode" tooltip={t('evaluations.export.regionHint')}>
        <RegionSelect allowClear style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
