import { Button, Form, Input, Space, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';

/** The evaluation content (评价内容) of online and offline service: indicators scored 1–5, by code. */
export function IndicatorFields() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: '1.05em', marginTop: 8 }}>
        {t('policy.section.content')}
      </Typography.Title>
      {(['online', 'offline'] as const).map((mode) => (
        <Form.List key={mode} name={['content', mode]}>
          {(fields, { add, remove }, { errors }) => (
            <section aria-label={t(`policy.content.${mode}`)} style={{ marginBottom: 16 }}>
              <Typography.Text strong>{t(`policy.content.${mode}`)}</Typography.Text>
              {fields.map((field, i) => {
                const part = (what: string) => t('policy.indicatorInput', { mode: t(`policy.content.${mode}`), n: i + 1, part: what });
                return (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[field.name, 'code']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,31}$/, message: t('policy.indicatorCodeRule') }]} style={{ marginBottom: 0 }}>
                      <Input aria-label={part(t('policy.code'))} placeholder={t('policy.code')} maxLength={32} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'zh']} rules={[{ required: true, whitespace: true, message: t('policy.labelRequired') }]} style={{ marginBottom: 0 }}>
                      <Input aria-label={part(t('policy.zh'))} placeholder={t('policy.zh')} maxLength={50} style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'en']} style={{ marginBottom: 0 }}>
                      <Input aria-label={part(t('policy.en'))} placeholder={t('policy.en')} maxLength={100} style={{ width: 220 }} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)} aria-label={t('policy.removeIndicator', { indicator: part('') })}>
                      {t('policy.remove')}
                    </Button>
                  </Space>
                );
              })}
              <Form.ErrorList errors={errors} />
              <div style={{ marginTop: 8 }}>
                <Button type="dashed" onClick={() => add({ code: '', zh: '', en: '' })} aria-label={t('policy.addIndicatorTo', { mode: t(`policy.content.${mode}`) })}>
                  {t('policy.addIndicator')}
                </Button>
              </div>
            </section>
          )}
        </Form.List>
      ))}
    </>
  );
}
