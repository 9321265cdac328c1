import { LEVELS, SMS_TEMPLATE_MAX_LENGTH, type EvaluationPolicy } from '@hcp/domain';
import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { SETTING_GROUPS, SMS_TEMPLATE_KINDS } from './policy-form.ts';

const OPENING_STAGES = ['received', 'accepted', 'completed'] as const;
const REASON_RULES = ['tag_or_text', 'tag', 'text', 'none'] as const;

/**
 * The numbers and rules of the policy, grouped, and the SMS texts. Only their types are checked
 * here: the server checks the ranges and how they fit together, and answers each problem by field.
 */
export function SettingFields() {
  const { t } = useI18n();
  const label = (field: string) => t(`policy.field.${field}` as MessageKey);
  const input = (field: keyof EvaluationPolicy) => {
    if (field === 'opensAt') return <Select options={OPENING_STAGES.map((s) => ({ value: s, label: t(`policy.opensAt.${s}`) }))} />;
    if (field === 'badRatingNeeds') return <Select options={REASON_RULES.map((r) => ({ value: r, label: t(`policy.badRatingNeeds.${r}`) }))} />;
    if (field === 'defaultLevel') return <Select options={LEVELS.map((l) => ({ value: l, label: String(l) }))} />;
    return <InputNumber min={0} precision={0} style={{ width: '100%' }} />;
  };
  return (
    <>
      {(Object.keys(SETTING_GROUPS) as (keyof typeof SETTING_GROUPS)[]).map((group) => (
        <section key={group} aria-label={t(`policy.section.${group}`)}>
          <Typography.Title level={3} style={{ fontSize: '1.05em', marginTop: 8 }}>
            {t(`policy.section.${group}`)}
          </Typography.Title>
          <Row gutter={16}>
            {SETTING_GROUPS[group].map((field) => (
              <Col key={field} xs={24} sm={12} lg={8}>
                <Form.Item label={label(field)} name={field} rules={[{ required: true, message: t('common.required', { what: label(field) }) }]}>
                  {input(field)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </section>
      ))}
      <Typography.Title level={3} style={{ fontSize: '1.05em', marginTop: 8 }}>
        {t('policy.section.sms')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('policy.smsHint')}</Typography.Paragraph>
      {SMS_TEMPLATE_KINDS.map((kind) => (
        <Form.Item key={kind} label={t(`policy.sms.${kind}`)} name={['smsTemplates', kind]} rules={[{ required: true, whitespace: true, message: t('common.required', { what: t(`policy.sms.${kind}`) }) }]}>
          <Input.TextArea rows={2} showCount maxLength={SMS_TEMPLATE_MAX_LENGTH} />
        </Form.Item>
      ))}
    </>
  );
}
