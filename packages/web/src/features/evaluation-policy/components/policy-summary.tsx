import { LEVELS, type EvaluationPolicy } from '@hcp/domain';
import { Descriptions, Space, Tag, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import { SETTING_GROUPS, SMS_TEMPLATE_KINDS } from './policy-form.ts';

/** The policy in force, read-only: levels and their tags, the evaluation content, the numbers and the SMS texts. */
export function PolicySummary({ policy }: { policy: EvaluationPolicy }) {
  const { t, locale } = useI18n();
  const setting = (field: keyof EvaluationPolicy) => {
    const v = policy[field];
    if (field === 'opensAt') return t(`policy.opensAt.${policy.opensAt}`);
    if (field === 'badRatingNeeds') return t(`policy.badRatingNeeds.${policy.badRatingNeeds}`);
    return String(v);
  };
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={LEVELS.map((l) => ({
          key: String(l),
          label: `${l} ${labelIn(policy.levels[l], locale)}${policy.badLevels.includes(l) ? `（${t('evaluations.badShort')}）` : ''}`,
          children: (
            <Space wrap size={4}>
              {policy.tags.filter((x) => x.level === l).map((x) => (
                <Tag key={x.code}>
                  {x.code} {labelIn(x, locale)}
                </Tag>
              ))}
            </Space>
          ),
        }))}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 16 }}
        items={(['online', 'offline'] as const).map((mode) => ({
          key: mode,
          label: t(`policy.content.${mode}`),
          children: policy.content[mode].map((x) => labelIn(x, locale)).join('、'),
        }))}
      />
      {(Object.keys(SETTING_GROUPS) as (keyof typeof SETTING_GROUPS)[]).map((group) => (
        <Descriptions
          key={group}
          title={<Typography.Text strong>{t(`policy.section.${group}`)}</Typography.Text>}
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          style={{ marginTop: 16 }}
          items={SETTING_GROUPS[group].map((field) => ({ key: field, label: t(`policy.field.${field}` as MessageKey), children: setting(field) }))}
        />
      ))}
      <Descriptions
        title={<Typography.Text strong>{t('policy.section.sms')}</Typography.Text>}
        size="small"
        column={1}
        style={{ marginTop: 16 }}
        items={SMS_TEMPLATE_KINDS.map((kind) => ({ key: kind, label: t(`policy.sms.${kind}`), children: policy.smsTemplates[kind] }))}
      />
    </>
  );
}
