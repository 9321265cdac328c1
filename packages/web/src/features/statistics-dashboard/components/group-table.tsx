import type { StatisticsGroup } from '@hcp/domain';
import { Button, Table } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatCount, formatRate, formatScore } from './format.ts';

/**
 * The groups of a statistics answer as a table: name, ratings, share and the main rates. With
 * `onOpen`, names are buttons that open the group (drill down); keyboard users get the same as a
 * click on the chart.
 */
export function GroupTable({ label, groups, loading, name, onOpen, testId, withRates = true }: {
  label: string;
  groups: StatisticsGroup[];
  loading: boolean;
  name: (g: StatisticsGroup) => string;
  onOpen?: ((g: StatisticsGroup) => void) | undefined;
  testId: string;
  withRates?: boolean;
}) {
  const { t } = useI18n();
  const rates = withRates
    ? [
        { title: t('dashboard.kpi.goodRate'), key: 'goodRate', render: (_: unknown, g: StatisticsGroup) => formatRate(g.metrics?.ratings.goodRate) },
        { title: t('dashboard.kpi.badRate'), key: 'badRate', render: (_: unknown, g: StatisticsGroup) => formatRate(g.metrics?.ratings.badRate) },
        { title: t('dashboard.kpi.satisfaction'), key: 'satisfaction', render: (_: unknown, g: StatisticsGroup) => formatScore(g.metrics?.ratings.satisfactionScore) },
        { title: t('dashboard.kpi.rectificationRate'), key: 'rectification', render: (_: unknown, g: StatisticsGroup) => formatRate(g.metrics?.workOrders.rectificationRate) },
        { title: t('dashboard.kpi.overdue'), key: 'overdue', render: (_: unknown, g: StatisticsGroup) => (g.metrics ? formatCount(g.metrics.workOrders.overdue) : '—') },
      ]
    : [];
  return (
    <Table<StatisticsGroup>
      aria-label={label}
      data-testid={testId}
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={groups}
      pagination={groups.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('dashboard.col.name'),
          key: 'name',
          render: (_, g) =>
            onOpen && g.key !== '0' ? (
              <Button type="link" style={{ padding: 0, height: 'auto' }} aria-label={t('dashboard.drill.into', { name: name(g) })} onClick={() => onOpen(g)}>
                {name(g)}
              </Button>
            ) : (
              name(g)
            ),
        },
        { title: t('dashboard.col.count'), key: 'count', render: (_, g) => <span data-cell="count">{formatCount(g.count)}</span> },
        { title: t('dashboard.col.share'), key: 'share', render: (_, g) => <span data-cell="share">{formatRate(g.share)}</span> },
        ...rates,
      ]}
    />
  );
}
