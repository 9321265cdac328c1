import { DETECTOR_NAMES, DETECTORS, type DetectorName } from '@hcp/domain';
import { Button, Segmented, Select, Space, Table, Typography } from 'antd';
import { useId, useState } from 'react';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useFlags, type FlagStatus, type RatingFlag } from '../api/list-flags.ts';
import { FlagDrawer } from './flag-drawer.tsx';
import { FlagStatusTag } from './flag-status-tag.tsx';

/**
 * 异常评价核查: the flags of the manipulation detectors in the user's scope, pending first by
 * default; each opens with its ratings and takes a confirm or dismiss with a reason.
 */
export function FlagsPage({ canReview }: { canReview: boolean }) {
  const { t, locale } = useI18n();
  const statusLabel = useId();
  const [status, setStatus] = useState<FlagStatus | 'all'>('pending');
  const [detector, setDetector] = useState<DetectorName | undefined>(undefined);
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const list = useFlags({ ...(status !== 'all' ? { status } : {}), ...(detector ? { detector } : {}), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const detectorName = (d: string) => (DETECTOR_NAMES[d as DetectorName] ? labelIn(DETECTOR_NAMES[d as DetectorName], locale) : d);

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('flags.hint')}</Typography.Paragraph>
      <Space wrap size={16} style={{ marginBottom: 16 }}>
        <Space>
          <Typography.Text id={statusLabel}>{t('flags.status')}</Typography.Text>
          <Segmented
            aria-labelledby={statusLabel}
            value={status}
            onChange={(v) => {
              setStatus(v as FlagStatus | 'all');
              setPage(0);
            }}
            options={[
              { value: 'pending', label: t('flags.status.pending') },
              { value: 'confirmed', label: t('flags.status.confirmed') },
              { value: 'dismissed', label: t('flags.status.dismissed') },
              { value: 'all', label: t('common.all') },
            ]}
          />
        </Space>
        <Select<DetectorName>
          aria-label={t('flags.detector')}
          placeholder={t('flags.detector')}
          allowClear
          style={{ minWidth: 240 }}
          value={detector}
          onChange={(v) => {
            setDetector(v);
            setPage(0);
          }}
          options={DETECTORS.map((d) => ({ value: d, label: detectorName(d) }))}
        />
      </Space>
      <QueryError error={list.error} what={t('nav.ratingFlags')} onRetry={list.reload} />
      <Table<RatingFlag>
        aria-label={t('nav.ratingFlags')}
        data-testid="flags-table"
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('flags.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', dataIndex: 'id' },
          { title: t('flags.detector'), key: 'detector', render: (_, f) => detectorName(f.detector) },
          { title: t('flags.unit'), dataIndex: 'unitName' },
          {
            title: t('flags.reason'),
            key: 'reason',
            render: (_, f) => (
              <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 320 }}>
                {locale === 'zh-CN' ? f.reason.zh : f.reason.en || f.reason.zh}
              </Typography.Text>
            ),
          },
          { title: t('flags.score'), key: 'score', render: (_, f) => f.score.toFixed(2) },
          { title: t('flags.ratings'), dataIndex: 'ratingCount' },
          { title: t('flags.span'), key: 'span', render: (_, f) => `${formatInstant(f.firstAt, locale)} – ${formatInstant(f.lastAt, locale)}` },
          { title: t('flags.status'), key: 'status', render: (_, f) => <FlagStatusTag status={f.status} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, f) => (
              <Button size="small" aria-label={t('flags.openOf', { id: f.id })} onClick={() => setOpen(f.id)}>
                {f.status === 'pending' && canReview ? t('flags.open') : t('common.details')}
              </Button>
            ),
          },
        ]}
      />
      <Pager page={page} hasNext={(list.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.ratingFlags') })} />
      <FlagDrawer id={open} canReview={canReview} onClose={() => setOpen(null)} onReviewed={list.reload} />
    </div>
  );
}
