import { Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useCases, type Case, type CaseQuery } from '../api/list-cases.ts';
import { formatInstant, STAGE_COLORS, stageName } from '../labels.ts';
import { CaseDrawer } from './case-drawer.tsx';
import { CaseFilters } from './case-filters.tsx';

/** 办件: the cases in the user's data scope, with filters and a detail view. */
export function CasesPage({ canUnmask }: { canUnmask: boolean }) {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Omit<CaseQuery, 'limit' | 'offset'>>({});
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const cases = useCases({ ...filters, limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (cases.data ?? []).slice(0, PAGE_SIZE);
  return (
    <div>
      <CaseFilters
        onApply={(q) => {
          setFilters(q);
          setPage(0);
          cases.reload();
        }}
      />
      <QueryError error={cases.error} what={t('nav.cases')} onRetry={cases.reload} />
      <Table<Case>
        rowKey="id"
        loading={cases.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('cases.caseNo'),
            dataIndex: 'caseNo',
            render: (no: string, c) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(c.id)}>
                {no}
              </Button>
            ),
          },
          { title: t('cases.item'), dataIndex: 'itemName' },
          { title: t('cases.unit'), dataIndex: 'unitName' },
          { title: t('cases.applicant'), key: 'applicant', render: (_, c) => c.applicant.name ?? '' },
          { title: t('cases.applicant.phone'), key: 'phone', render: (_, c) => c.applicant.phone ?? '' },
          { title: t('cases.stage'), dataIndex: 'stage', render: (s: string) => <Tag color={STAGE_COLORS[s]}>{stageName(s, locale)}</Tag> },
          { title: t('cases.channel'), dataIndex: 'channel', render: (ch: Case['channel']) => t(`cases.channel.${ch}`) },
          { title: t('cases.promisedDeadline'), dataIndex: 'promisedDeadline', render: (v: string | null) => formatInstant(v, locale) },
          { title: t('cases.completedAt'), dataIndex: 'completedAt', render: (v: string | null) => formatInstant(v, locale) },
        ]}
      />
      <Pager page={page} hasNext={(cases.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.cases') })} />
      <CaseDrawer id={open} canUnmask={canUnmask} onClose={() => setOpen(null)} />
    </div>
  );
}
