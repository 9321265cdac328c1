import { Button, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useImport } from '../api/get-import.ts';
import { useImports, type ImportSummary } from '../api/list-imports.ts';
import { KIND_LABEL } from './kind-label.ts';
import { RowErrorsTable } from './row-errors-table.tsx';
import { formatInstant } from '@/lib/format-instant.ts';

/** Past imports, newest first; a rejected one opens its full error report. */
export function ImportHistory({ round }: { round: number }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const history = useImports({ limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE }, round);
  const report = useImport(open);
  return (
    <>
      <QueryError error={history.error} what={t('imports.history')} onRetry={history.reload} />
      <Table<ImportSummary>
        aria-label={t('imports.history')}
        rowKey="id"
        size="small"
        loading={history.loading}
        dataSource={(history.data ?? []).slice(0, PAGE_SIZE)}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
          { title: t('imports.kind'), dataIndex: 'kind', render: (k: ImportSummary['kind']) => (KIND_LABEL[k] ? t(KIND_LABEL[k]) : k) },
          { title: t('imports.filename'), dataIndex: 'filename' },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => (s === 'applied' ? <Tag color="green">{t('imports.status.applied')}</Tag> : <Tag color="red">{t('imports.status.rejected')}</Tag>) },
          { title: t('imports.rows'), key: 'rows', render: (_, r) => `${r.rowsApplied} / ${r.rowsTotal}` },
          {
            title: t('imports.errors'),
            dataIndex: 'errorCount',
            render: (n: number, r) => (n > 0 ? <Button size="small" type="link" aria-label={t('imports.showErrorsOf', { file: r.filename })} onClick={() => setOpen(r.id)}>{t('imports.showErrors', { n })}</Button> : 0),
          },
        ]}
      />
      <Pager page={page} hasNext={(history.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('imports.history') })} />
      <Modal open={open !== null} onCancel={() => setOpen(null)} footer={null} width={760} title={t('imports.reportOf', { file: report.data?.filename ?? '' })}>
        <QueryError error={report.error} what={t('imports.errors')} onRetry={report.reload} />
        {report.data && <RowErrorsTable errors={report.data.errors} caption={t('imports.errors')} />}
      </Modal>
    </>
  );
}
