import { App, Button, Card, Segmented, Table, Tooltip, Typography } from 'antd';
import { useId } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { QueryError } from '@/components/query-error.tsx';
import { exportRanking } from '../api/export-table.ts';
import { useRanking, type RankingItem, type RankingLevel, type RankingMetric, type RankingQuery } from '../api/get-ranking.ts';
import type { PeriodQuery, SliceFilter } from '../api/get-statistics.ts';
import { formatCount, formatRate, formatScore } from './format.ts';

/** The fair ranking (排名) at the level the dashboard shows, by satisfaction or bad-rating rate, with its method. */
export function RankingCard({ query, metric, onMetric, name }: { query: PeriodQuery & SliceFilter & { level: RankingLevel }; metric: RankingMetric; onMetric: (m: RankingMetric) => void; name: (key: string, label: string | null) => string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const metricLabel = useId();
  const q: RankingQuery = { ...query, metric };
  const ranking = useRanking(q);
  const title = t(`dashboard.ranking.${query.level as Exclude<RankingLevel, 'item'>}`);
  const fmt = metric === 'satisfaction' ? formatScore : formatRate;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      extra={
        <Button
          aria-label={t('dashboard.exportOf', { what: title })}
          onClick={() => exportRanking(q).then(() => message.success(t('dashboard.exported')), (e: unknown) => message.error(errorMessage(e, t)))}
        >
          {t('dashboard.export')}
        </Button>
      }
    >
      <div style={{ marginBottom: 12 }}>
        <Typography.Text id={metricLabel} style={{ marginRight: 8 }}>
          {t('dashboard.metric')}
        </Typography.Text>
        <Segmented
          aria-labelledby={metricLabel}
          value={metric}
          onChange={(m) => onMetric(m as RankingMetric)}
          options={[
            { value: 'satisfaction', label: t('dashboard.metric.satisfaction') },
            { value: 'badRate', label: t('dashboard.metric.badRate') },
          ]}
        />
      </div>
      <QueryError error={ranking.error} what={title} onRetry={ranking.reload} />
      <Table<RankingItem>
        aria-label={title}
        data-testid="ranking-table"
        rowKey="key"
        size="small"
        loading={ranking.loading}
        dataSource={ranking.data?.items ?? []}
        pagination={(ranking.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          {
            title: t('dashboard.col.rank'),
            key: 'rank',
            render: (_, i) =>
              i.rank !== null ? (
                <span data-cell="rank">{i.rank}</span>
              ) : (
                <Tooltip title={t('dashboard.unranked')}>
                  <span data-cell="rank" aria-label={t('dashboard.unranked')}>
                    —
                  </span>
                </Tooltip>
              ),
          },
          { title: t('dashboard.col.name'), key: 'name', render: (_, i) => name(i.key, i.label) },
          { title: t('dashboard.col.volume'), key: 'volume', render: (_, i) => <span data-cell="volume">{formatCount(i.volume)}</span> },
          { title: t('dashboard.col.raw'), key: 'raw', render: (_, i) => <span data-cell="raw">{fmt(i.raw)}</span> },
          { title: t('dashboard.col.smoothed'), key: 'smoothed', render: (_, i) => fmt(i.smoothed) },
        ]}
      />
      {ranking.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} ellipsis={{ rows: 2, expandable: true }}>
          {t('dashboard.method')}：{locale === 'zh-CN' ? ranking.data.method.text.zh : ranking.data.method.text.en}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
