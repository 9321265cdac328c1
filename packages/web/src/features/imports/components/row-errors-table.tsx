import { Table } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { RowError } from '../api/get-import.ts';

/** The problems of a rejected file, one per row and column, in file order. */
export function RowErrorsTable({ errors, caption }: { errors: RowError[]; caption: string }) {
  const { t } = useI18n();
  return (
    <Table<RowError & { key: number }>
      aria-label={caption}
      size="small"
      dataSource={errors.map((e, key) => ({ ...e, key }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('imports.row'), dataIndex: 'row', width: 80 },
        { title: t('imports.column'), dataIndex: 'column', width: 200, render: (c?: string) => c ?? '' },
        { title: t('imports.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}
