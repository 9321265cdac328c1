import { Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { FilterForm } from '@/components/filter-form.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useAudit, type AuditFilter, type AuditRecord } from '../api/list-audit.ts';
import { VerifyButton } from './verify-button.tsx';
import { formatInstant } from '@/lib/format-instant.ts';

/**
 * 审计日志: newest first, paged by sequence number (each page remembers where it started, so
 * "previous" goes back exactly), with filters and the chain check.
 */
export function AuditPage() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  // cursors[n] is the beforeSeq of page n; page 0 starts at the newest record.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const audit = useAudit({ ...filter, ...(cursors[page] ? { beforeSeq: cursors[page] } : {}), limit: PAGE_SIZE + 1 });
  const rows = (audit.data ?? []).slice(0, PAGE_SIZE);
  const when = (iso: string) => formatInstant(iso, locale, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div>
      <VerifyButton onDone={() => cursors.length === 1 && audit.reload()} />
      <FilterForm<AuditFilter>
        name="audit-filter"
        onApply={(v) => {
          setFilter(Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' && x.trim()).map(([k, x]) => [k, (x as string).trim()])));
          setCursors([undefined]);
          audit.reload();
        }}
      >
        <Form.Item label={t('audit.action')} name="action">
          <Input allowClear placeholder="organisation.create" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label={t('audit.actor')} name="actorId">
          <Input allowClear placeholder="user:1" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label={t('audit.targetType')} name="targetType">
          <Input allowClear placeholder="organisation" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('audit.targetId')} name="targetId">
          <Input allowClear style={{ width: 110 }} />
        </Form.Item>
      </FilterForm>
      <QueryError error={audit.error} what={t('nav.audit')} onRetry={audit.reload} />
      <Table<AuditRecord>
        rowKey="seq"
        size="small"
        loading={audit.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq' },
          { title: t('audit.at'), dataIndex: 'at', render: when },
          { title: t('audit.actor'), key: 'actor', render: (_, r) => r.actorId ?? r.actorType },
          { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
          { title: t('audit.target'), key: 'target', render: (_, r) => [r.targetType, r.targetId].filter(Boolean).join(' #') },
          {
            title: t('audit.detail'),
            dataIndex: 'detail',
            render: (d: Record<string, unknown>) => (
              <Typography.Text style={{ maxWidth: 420, display: 'inline-block' }} ellipsis={{ tooltip: JSON.stringify(d, null, 1) }}>
                {JSON.stringify(d)}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Pager
        page={page}
        hasNext={(audit.data?.length ?? 0) > PAGE_SIZE}
        onPage={(n) => setCursors((c) => (n < page ? c.slice(0, n + 1) : [...c, rows.at(-1)?.seq]))}
        label={t('common.pager', { what: t('nav.audit') })}
      />
    </div>
  );
}
