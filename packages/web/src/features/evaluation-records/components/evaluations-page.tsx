import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useFormModal } from '@/components/form-modal.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { channelName } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { exportEvaluations } from '../api/export-evaluations.ts';
import { useEvaluations, type Evaluation } from '../api/list-evaluations.ts';
import { EvaluationDrawer } from './evaluation-drawer.tsx';
import { EvaluationFilters, type EvaluationFilter } from './evaluation-filters.tsx';
import { ExportModal, type ExportValues } from './export-modal.tsx';
import { LevelTag } from './level-tag.tsx';

export interface EvaluationsPageProps {
  canExport: boolean;
  canReadScan: boolean;
}

/** 评价记录: the ratings in the user's data scope, filterable, with a detail view and the GB/T 39046 export. */
export function EvaluationsPage({ canExport, canReadScan }: EvaluationsPageProps) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<EvaluationFilter>({});
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const list = useEvaluations({ ...filter, limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const exporter = useFormModal(
    (v: ExportValues) =>
      exportEvaluations({ format: v.format, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'), ...(v.regionCode ? { regionCode: v.regionCode } : {}) }),
    () => undefined,
    { from: 'period', to: 'period' },
  );

  return (
    <div>
      <EvaluationFilters
        onApply={(f) => {
          setFilter(f);
          setPage(0);
          list.reload();
        }}
      />
      <Space style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">{t('evaluations.neverWho')}</Typography.Text>
        {canExport && (
          <Button onClick={() => exporter.open({ format: 'csv' })}>{t('evaluations.export')}</Button>
        )}
      </Space>
      <QueryError error={list.error} what={t('nav.evaluations')} onRetry={list.reload} />
      <Table<Evaluation>
        aria-label={t('nav.evaluations')}
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('evaluations.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => formatInstant(v, locale) },
          {
            title: t('cases.caseNo'),
            dataIndex: 'caseNo',
            render: (no: string, e) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(e.id)}>
                {no}
              </Button>
            ),
          },
          { title: t('evaluations.level'), key: 'level', render: (_, e) => <LevelTag level={e.level} label={e.levelLabel} bad={e.bad} /> },
          { title: t('evaluations.kind'), dataIndex: 'kind', render: (k: Evaluation['kind']) => t(`evaluations.kind.${k}`) },
          { title: t('evaluations.channel'), dataIndex: 'channel', render: (c: string) => channelName(c, locale) },
          { title: t('cases.item'), dataIndex: 'itemName' },
          { title: t('evaluations.unit'), dataIndex: 'unitName' },
          { title: t('evaluations.window'), dataIndex: 'windowName', render: (v: string | null) => v ?? '' },
          { title: t('evaluations.staff'), dataIndex: 'staffName', render: (v: string | null) => v ?? '' },
          { title: t('evaluations.tags'), dataIndex: 'tags', render: (v: string[]) => v.join(' ') },
          {
            title: t('evaluations.text'),
            dataIndex: 'text',
            render: (v: string | null) => (
              <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 220 }}>
                {v ?? ''}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Pager page={page} hasNext={(list.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.evaluations') })} />
      <EvaluationDrawer id={open} canReadScan={canReadScan} onClose={() => setOpen(null)} />
      <ExportModal {...exporter.props} />
    </div>
  );
}
