import { Table } from 'antd';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { usePolicyVersions, type PolicyVersion } from '../api/list-policy-versions.ts';

/** The region's own versions, newest first (a region without any follows its parent's or the national one). */
export function PolicyVersions({ regionCode, round }: { regionCode: string; round: number }) {
  const { t, locale } = useI18n();
  const versions = usePolicyVersions(regionCode, round);
  return (
    <>
      <QueryError error={versions.error} what={t('policy.versions')} onRetry={versions.reload} />
      <Table<PolicyVersion>
        aria-label={t('policy.versions')}
        rowKey="id"
        size="small"
        loading={versions.loading}
        dataSource={versions.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('policy.noVersions') }}
        columns={[
          { title: t('policy.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('policy.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          { title: t('policy.author'), dataIndex: 'author', render: (v: string | null) => v ?? '' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
        ]}
      />
    </>
  );
}
