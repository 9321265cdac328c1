import { Form, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FilterForm } from '@/components/filter-form.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { SMS_PURPOSES, SMS_STATUSES, useMessages, type SmsMessage, type SmsQuery } from '../api/list-messages.ts';

const STATUS_COLORS: Record<string, string> = { delivered: 'green', sent: 'blue', queued: 'default', failed: 'red', suppressed: 'orange' };

type Filter = Pick<SmsQuery, 'status' | 'purpose'>;

/** 短信发件箱: every SMS the system sent or will send, with its delivery; pages by the last id seen. */
export function Outbox() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  // The id each page starts before; the first page starts at the newest.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const beforeId = cursors.at(-1);
  const list = useMessages({ ...filter, ...(beforeId ? { beforeId } : {}), limit: PAGE_SIZE + 1 });
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const hasNext = (list.data?.length ?? 0) > PAGE_SIZE;
  return (
    <div>
      <FilterForm<Filter>
        name="sms-filter"
        onApply={(v) => {
          setFilter({ ...(v.status ? { status: v.status } : {}), ...(v.purpose ? { purpose: v.purpose } : {}) });
          setCursors([undefined]);
          list.reload();
        }}
      >
        <Form.Item label={t('common.status')} name="status">
          <Select allowClear style={{ width: 130 }} options={SMS_STATUSES.map((s) => ({ value: s, label: t(`sms.status.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t('sms.purpose')} name="purpose">
          <Select allowClear style={{ width: 150 }} options={SMS_PURPOSES.map((p) => ({ value: p, label: t(`sms.purpose.${p}`) }))} />
        </Form.Item>
      </FilterForm>
      <Typography.Paragraph type="secondary">{t('sms.masked')}</Typography.Paragraph>
      <QueryError error={list.error} what={t('sms.outbox')} onRetry={list.reload} />
      <Table<SmsMessage>
        aria-label={t('sms.outbox')}
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
          { title: t('sms.phone'), dataIndex: 'phone' },
          { title: t('sms.purpose'), dataIndex: 'purpose', render: (p: string) => <Tag>{(SMS_PURPOSES as readonly string[]).includes(p) ? t(`sms.purpose.${p as 'otp'}`) : p}</Tag> },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: string, m) => (
              <Tag color={STATUS_COLORS[s]} title={m.lastError ?? undefined}>
                {(SMS_STATUSES as readonly string[]).includes(s) ? t(`sms.status.${s as 'sent'}`) : s}
              </Tag>
            ),
          },
          { title: t('sms.attempts'), dataIndex: 'attempts' },
          { title: t('sms.body'), dataIndex: 'body', render: (b: string) => <span style={{ display: 'inline-block', minWidth: 240, maxWidth: 480, whiteSpace: 'normal' }}>{b}</span> },
          { title: t('sms.sentAt'), dataIndex: 'sentAt', render: (v: string | null) => formatInstant(v, locale) },
          { title: t('sms.deliveredAt'), dataIndex: 'deliveredAt', render: (v: string | null) => formatInstant(v, locale) },
          { title: t('sms.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '' },
        ]}
      />
      <Pager
        page={cursors.length - 1}
        hasNext={hasNext}
        onPage={(n) => setCursors((c) => (n < c.length - 1 ? c.slice(0, n + 1) : [...c, rows.at(-1)?.id]))}
        label={t('common.pager', { what: t('sms.outbox') })}
      />
    </div>
  );
}
