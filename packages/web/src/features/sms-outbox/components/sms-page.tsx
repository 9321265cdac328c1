import { Tabs } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { DevInbox } from './dev-inbox.tsx';
import { Outbox } from './outbox.tsx';

/** 短信: the outbox and the development gateway's inbox. */
export function SmsPage() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'outbox', label: t('sms.outbox'), children: <Outbox /> },
        { key: 'dev', label: t('sms.devInbox'), children: <DevInbox /> },
      ]}
    />
  );
}
