import { Table } from 'antd';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useCalendarVersions, type CalendarVersion } from '../api/list-calendar-versions.ts';
import { formatInstant } from '@/lib/format-instant.ts';

/** The versions of one region's corrections, newest first. */
export function CalendarVersions({ regionCode, round }: { regionCode: string; round: number }) {
  const { t, locale } = useI18n();
  const versions = useCalendarVersions(regionCode, round);
  return (
    <>
      <QueryError error={versions.error} what={t('calendar.versions')} onRetry={versions.reload} />
      <Table<CalendarVersion>
        aria-label={t('calendar.versions')}
        rowKey="version"
        size="small"
        loading={versions.loading}
        dataSource={versions.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('calendar.noVersions') }}
        columns={[
          { title: t('calendar.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('calendar.daysChanged'), dataIndex: 'days' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
          { title: t('calendar.by'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '' },
        ]}
      />
    </>
  );
}
