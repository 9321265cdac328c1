import { Drawer, Table, Tag } from 'antd';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { ServiceItem } from '../api/list-service-items.ts';
import { useServiceItemVersions } from '../api/list-service-item-versions.ts';
import { formatInstant } from '@/lib/format-instant.ts';

/** The version history of one item, newest first, with when each was replaced. */
export function VersionsDrawer({ code, round, onClose }: { code: string | null; round: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const versions = useServiceItemVersions(code, round);
  const when = (iso: string | null) => formatInstant(iso, locale);
  return (
    <Drawer open={code !== null} onClose={onClose} size={720} title={t('items.versionsOf', { code: code ?? '' })} closable={{ 'aria-label': t('common.close') }}>
      <QueryError error={versions.error} what={t('items.versions')} onRetry={versions.reload} />
      <Table<ServiceItem>
        aria-label={t('items.versions')}
        rowKey="id"
        size="small"
        loading={versions.loading}
        dataSource={versions.data ?? []}
        pagination={false}
        columns={[
          { title: t('items.version'), dataIndex: 'version', render: (v: number, r) => <>v{v} {r.supersededAt === null && <Tag color="green">{t('items.current')}</Tag>}</> },
          { title: t('items.name'), dataIndex: 'name' },
          { title: t('items.promisedDays'), dataIndex: 'promisedDays' },
          { title: t('items.statutoryDays'), dataIndex: 'statutoryDays', render: (v: number | null) => v ?? '' },
          { title: t('items.owner'), dataIndex: 'ownerName' },
          { title: t('items.validFrom'), dataIndex: 'createdAt', render: when },
          { title: t('items.replacedAt'), dataIndex: 'supersededAt', render: when },
        ]}
      />
    </Drawer>
  );
}
