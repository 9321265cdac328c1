import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';

/**
 * The filter row above a table: labelled fields, then Search and Reset. Search applies the values
 * (Enter in a field does too) and the page loads again even if they did not change; Reset clears
 * them and applies that.
 */
export function FilterForm<V extends object>({ name, onApply, children, initialValues }: { name: string; onApply: (values: Partial<V>) => void; children: ReactNode; initialValues?: Partial<V> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  return (
    <search aria-label={t('common.filters')}>
      <Form<V> form={form} name={name} layout="inline" initialValues={initialValues as object | undefined} onFinish={(v) => onApply(v)} style={{ rowGap: 12, marginBottom: 16 }}>
        {children}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onApply(form.getFieldsValue());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </search>
  );
}
