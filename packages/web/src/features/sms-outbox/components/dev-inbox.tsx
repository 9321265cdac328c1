import { Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useDevInbox, type DevInboxMessage } from '../api/list-dev-inbox.ts';

/** 开发网关收件箱: the texts the development gateway received, for trying the SMS flows without a provider. */
export function DevInbox() {
  const { t, locale } = useI18n();
  const [round, setRound] = useState(0);
  const inbox = useDevInbox(round);
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('sms.devHint')}</Typography.Paragraph>
      <Button onClick={() => setRound((r) => r + 1)} style={{ marginBottom: 16 }}>
        {t('sms.refresh')}
      </Button>
      <QueryError error={inbox.error} what={t('sms.devInbox')} onRetry={inbox.reload} />
      <Table<DevInboxMessage>
        aria-label={t('sms.devInbox')}
        rowKey="messageId"
        size="small"
        loading={inbox.loading}
        dataSource={inbox.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('sms.devEmpty') }}
        columns={[
          { title: t('sms.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => formatInstant(v, locale) },
          { title: t('sms.phone'), dataIndex: 'phone' },
          { title: t('sms.body'), dataIndex: 'body' },
        ]}
      />
    </div>
  );
}
