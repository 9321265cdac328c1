import type { Metrics } from '@hcp/domain';
import { Card, Col, Row, Statistic } from 'antd';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatCount, formatRate, formatScore } from './format.ts';

/** The figures at the top of the dashboard, each with its test id and its exact value in data-value. */
export const KPIS: { id: string; label: MessageKey; value: (m: Metrics) => number | null; format: (v: number | null) => string }[] = [
  { id: 'total', label: 'dashboard.kpi.total', value: (m) => m.ratings.total, format: (v) => formatCount(v ?? 0) },
  { id: 'goodRate', label: 'dashboard.kpi.goodRate', value: (m) => m.ratings.goodRate, format: formatRate },
  { id: 'badRate', label: 'dashboard.kpi.badRate', value: (m) => m.ratings.badRate, format: formatRate },
  { id: 'satisfaction', label: 'dashboard.kpi.satisfaction', value: (m) => m.ratings.satisfactionScore, format: formatScore },
  { id: 'activeRate', label: 'dashboard.kpi.activeRate', value: (m) => m.participation?.activeRate ?? null, format: formatRate },
  { id: 'rectificationRate', label: 'dashboard.kpi.rectificationRate', value: (m) => m.workOrders.rectificationRate, format: formatRate },
  { id: 'revisitSatisfactionRate', label: 'dashboard.kpi.revisitSatisfactionRate', value: (m) => m.workOrders.revisitSatisfactionRate, format: formatRate },
  { id: 'overdue', label: 'dashboard.kpi.overdue', value: (m) => m.workOrders.overdue, format: (v) => formatCount(v ?? 0) },
];

export function KpiCards({ total, loading }: { total: Metrics | undefined; loading: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('dashboard.kpis')}>
      <Row gutter={[12, 12]}>
        {KPIS.map((k) => {
          const v = total ? k.value(total) : null;
          return (
            <Col key={k.id} xs={12} md={6} xl={3}>
              <Card size="small" loading={loading && !total}>
                <div data-testid={`kpi-${k.id}`} data-value={v === null ? '' : String(v)}>
                  <Statistic title={t(k.label)} value={total ? k.format(v) : '—'} formatter={(text) => String(text)} />
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>
    </section>
  );
}
