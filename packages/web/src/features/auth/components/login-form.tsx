import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { login, type LoginInput } from '../api/login.ts';
import type { User } from '../api/me.ts';
import { errorMessage } from '@/lib/error-message.ts';

/** Username and password; shows why a login failed, mapped from the server's error code. */
export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<LoginInput>();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (values: LoginInput) => {
    setPending(true);
    setError(null);
    try {
      const { user } = await login({ username: values.username.trim(), password: values.password });
      onSuccess(user);
    } catch (e) {
      setError(errorMessage(e, t));
      form.setFieldValue('password', '');
      form.focusField('password');
    } finally {
      setPending(false);
    }
  };

  return (
    <Form form={form} name="login" layout="vertical" requiredMark={false} onFinish={submit} disabled={pending} size="large">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.required.username') }]}>
        <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.required.password') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        {/* No `loading`: Ant Design's button can stay "loading" (ignoring clicks) after a fast LOGIN_FAILED. The disabled form covers it. */}
        <Button type="primary" htmlType="submit" block aria-busy={pending}>
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
