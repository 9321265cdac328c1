import { LEVELS, PUBLIC_METRICS } from '@hcp/domain';
import { Col, Form, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { levelName } from '@/lib/evaluation-labels.ts';

const SWITCHES = ['enabled', 'rankings', 'replies', 'replyTags', 'ratingText'] as const;

/**
 * What the public portal publishes of the region (policy.publication, 公开为常态、不公开为例外).
 * Every field of the section is a form field, so a saved version carries the whole section.
 */
export function PublicationFields() {
  const { t, locale } = useI18n();
  return (
    <section aria-label={t('policy.section.publication')}>
      <Typography.Title level={3} style={{ fontSize: '1.05em', marginTop: 8 }}>
        {t('policy.section.publication')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('policy.pub.hint')}</Typography.Paragraph>
      <Row gutter={16}>
        {SWITCHES.map((f) => (
          <Col key={f} xs={24} sm={12} lg={8}>
            <Form.Item label={t(`policy.pub.${f}`)} name={['publication', f]} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8}>
          <Form.Item label={t('policy.pub.minVolume')} name={['publication', 'minVolume']} rules={[{ required: true, message: t('common.required', { what: t('policy.pub.minVolume') }) }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item label={t('policy.pub.readsPerIpPerMinute')} name={['publication', 'readsPerIpPerMinute']} rules={[{ required: true, message: t('common.required', { what: t('policy.pub.readsPerIpPerMinute') }) }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item label={t('policy.pub.replyLevels')} name={['publication', 'replyLevels']}>
            <Select mode="multiple" options={LEVELS.map((l) => ({ value: l, label: levelName(l, locale) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('policy.pub.metrics')} name={['publication', 'metrics']}>
        <Select mode="multiple" options={PUBLIC_METRICS.map((m) => ({ value: m, label: t(`policy.pub.metric.${m}`) }))} />
      </Form.Item>
      <Form.Item label={t('policy.pub.withheldUnitIds')} name={['publication', 'withheldUnitIds']}>
        <OrganisationSelect kinds={['unit']} multiple />
      </Form.Item>
    </section>
  );
}
