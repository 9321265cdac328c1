import { LEVELS, type Level } from '@hcp/domain';
import { Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { nextTagCode, type PolicyFormValues } from './policy-form.ts';

const h3 = (text: string) => (
  <Typography.Title level={3} style={{ fontSize: '1.05em', marginTop: 8 }}>
    {text}
  </Typography.Title>
);

/** The five levels' labels, which of them are bad ratings, and each level's reason tags with their codes. */
export function LevelFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance<PolicyFormValues>();
  const levelName = (l: Level) => form.getFieldValue(['levels', l, 'zh']) || String(l);
  return (
    <>
      {h3(t('policy.section.levels'))}
      {LEVELS.map((l) => (
        <Space key={l} align="start" wrap>
          <Form.Item label={t('policy.levelZh', { level: l })} name={['levels', l, 'zh']} rules={[{ required: true, whitespace: true, message: t('policy.labelRequired') }]}>
            <Input maxLength={50} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label={t('policy.levelEn', { level: l })} name={['levels', l, 'en']}>
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
        </Space>
      ))}
      <Form.Item label={t('policy.field.badLevels')} name="badLevels" rules={[{ required: true, type: 'array', min: 1, message: t('policy.badLevelsRequired') }]}>
        <Checkbox.Group options={LEVELS.map((l) => ({ value: l, label: String(l) }))} />
      </Form.Item>

      {h3(t('policy.section.tags'))}
      <Typography.Paragraph type="secondary">{t('policy.tagsHint')}</Typography.Paragraph>
      {LEVELS.map((level) => (
        <Form.List key={level} name={['tagsByLevel', level]}>
          {(fields, { add, remove }) => (
            <section aria-label={t('policy.tagsOfLevel', { level: levelName(level) })} style={{ marginBottom: 16 }}>
              <Typography.Text strong>{t('policy.tagsOfLevel', { level: levelName(level) })}</Typography.Text>
              {fields.map((field, i) => {
                const part = (what: string) => t('policy.tagInput', { level: levelName(level), n: i + 1, part: what });
                return (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item
                      name={[field.name, 'code']}
                      rules={[{ required: true, pattern: new RegExp(`^${level}[0-9]{2}$`), message: t('policy.tagCodeRule', { level }) }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input aria-label={part(t('policy.code'))} maxLength={3} style={{ width: 80 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'zh']} rules={[{ required: true, whitespace: true, message: t('policy.labelRequired') }]} style={{ marginBottom: 0 }}>
                      <Input aria-label={part(t('policy.zh'))} placeholder={t('policy.zh')} maxLength={50} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'en']} style={{ marginBottom: 0 }}>
                      <Input aria-label={part(t('policy.en'))} placeholder={t('policy.en')} maxLength={100} style={{ width: 220 }} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)} aria-label={t('policy.removeTag', { tag: part('') })}>
                      {t('policy.remove')}
                    </Button>
                  </Space>
                );
              })}
              <div style={{ marginTop: 8 }}>
                <Button
                  type="dashed"
                  aria-label={t('policy.addTagTo', { level: levelName(level) })}
                  onClick={() => add({ code: nextTagCode(level, form.getFieldValue(['tagsByLevel', level])), zh: '', en: '' })}
                >
                  {t('policy.addTag')}
                </Button>
              </div>
            </section>
          )}
        </Form.List>
      ))}
    </>
  );
}
