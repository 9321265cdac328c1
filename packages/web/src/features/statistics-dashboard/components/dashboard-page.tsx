import { EVALUATION_CHANNEL_INFO, regionLevelOf, type EvaluationChannel, type StatisticsGroup } from '@hcp/domain';
import { Alert, App, Breadcrumb, Button, Card, Col, Row, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useId, useMemo, useState } from 'react';
import { QueryError } from '@/components/query-error.tsx';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { channelName, levelName } from '@/lib/evaluation-labels.ts';
import { exportStatistics } from '../api/export-table.ts';
import type { RankingMetric } from '../api/get-ranking.ts';
import { useStatistics, type RatingKind, type SliceFilter, type StatisticsGroupBy, type StatisticsQuery } from '../api/get-statistics.ts';
import { Chart } from './chart.tsx';
import type { ChartOption } from './echarts-setup.ts';
import { beijingToday, formatCount, formatRate } from './format.ts';
import { GroupTable } from './group-table.tsx';
import { KpiCards } from './kpi-cards.tsx';
import { periodQuery, PeriodPicker, type PeriodChoice } from './period-picker.tsx';
import { RankingCard } from './ranking-card.tsx';

/** The levels of the drill-down, each the grouping of its table and the level of its ranking. */
export const DRILL_LEVELS = ['region', 'unit', 'window', 'staff'] as const;
export type DrillLevel = (typeof DRILL_LEVELS)[number];

interface View {
  level: DrillLevel;
  slice: SliceFilter;
}
interface Crumb {
  label: string;
  view: View;
}

const ROOT: View = { level: 'region', slice: {} };

/** Points per day for short periods, per month for long ones. */
function trendGrouping(p: PeriodChoice): 'day' | 'month' {
  if (p.unit !== 'range') return p.unit === 'year' ? 'month' : 'day';
  return dayjs(p.to).diff(dayjs(p.from), 'day') + 1 <= 92 ? 'day' : 'month';
}

/**
 * 统计分析: the figures, trend, level and channel mix of the ratings in the viewer's scope for a
 * month, quarter, year or range, active or default ratings; a table (and bar chart) by region, then
 * unit, window and staff member, each row opening the next level; the ranking at that level; every
 * table exportable as XLSX. All numbers come from GET /api/statistics and /api/rankings.
 */
export function DashboardPage({ canRank }: { canRank: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const kindLabel = useId();
  const [period, setPeriod] = useState<PeriodChoice>(() => ({ unit: 'month', date: beijingToday() }));
  const [kind, setKind] = useState<RatingKind>('active');
  const [path, setPath] = useState<Crumb[]>([]);
  const [metric, setMetric] = useState<RankingMetric>('satisfaction');
  const view = path.at(-1)?.view ?? ROOT;
  const base: StatisticsQuery = { ...periodQuery(period), ...view.slice, kind };
  const trendBy = trendGrouping(period);

  const trend = useStatistics({ ...base, groupBy: trendBy });
  const levels = useStatistics({ ...base, groupBy: 'level' });
  const channels = useStatistics({ ...base, groupBy: 'channel' });
  const drill = useStatistics({ ...base, groupBy: view.level, limit: 1000 });

  const drillTitle = t(`dashboard.drill.${view.level}` as MessageKey);
  const groupName = (level: StatisticsGroupBy) => (key: string, label: string | null) => {
    if (key === '0') return t(level === 'window' ? 'dashboard.noWindow' : 'dashboard.noStaff');
    if (level === 'channel') return channelName(key, locale);
    if (level === 'level') return levelName(Number(key), locale);
    return label ?? (key || t('dashboard.unnamed'));
  };
  const drillName = (g: StatisticsGroup) => groupName(view.level)(g.key, g.label);

  /** Opens a group of the drill table: a province or city shows its regions, anything else the next level. */
  const open = (g: StatisticsGroup) => {
    if (view.level === 'staff' || g.key === '0') return;
    let next: View;
    if (view.level === 'region') {
      const deeper = g.key !== view.slice.regionCode && regionLevelOf(g.key) < 3;
      next = { level: deeper ? 'region' : 'unit', slice: { regionCode: g.key } };
    } else if (view.level === 'unit') next = { level: 'window', slice: { ...view.slice, orgId: Number(g.key) } };
    else next = { level: 'staff', slice: { ...view.slice, windowId: Number(g.key) } };
    setPath([...path, { label: drillName(g), view: next }]);
  };

  const download = (q: StatisticsQuery) => exportStatistics(q).then(() => message.success(t('dashboard.exported')), (e: unknown) => message.error(errorMessage(e, t)));

  const trendOption = useMemo<ChartOption | null>(() => {
    const data = trend.data;
    if (!data) return null;
    // Every day (or month) of the period up to today, so that days without ratings show as such.
    const byKey = new Map(data.groups.map((g) => [g.key, g]));
    const groups = timeline(data.period.from, data.period.to, trendBy).map((key) => byKey.get(key) ?? { key, label: key, count: 0, share: null, metrics: null });
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, data: [t('dashboard.series.count'), t('dashboard.series.badRate')] },
      grid: { left: 48, right: 56, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: groups.map((g) => g.key) },
      yAxis: [
        { type: 'value', name: t('dashboard.series.count'), minInterval: 1 },
        { type: 'value', name: t('dashboard.series.badRate'), axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, min: 0, max: 1 },
      ],
      series: [
        { type: 'bar', name: t('dashboard.series.count'), barMaxWidth: 32, data: groups.map((g) => g.count) },
        { type: 'line', name: t('dashboard.series.badRate'), yAxisIndex: 1, data: groups.map((g) => g.metrics?.ratings.badRate ?? null), connectNulls: true },
      ],
    } as ChartOption;
  }, [trend.data, trendBy, t]);

  const pie = (groups: StatisticsGroup[] | undefined, name: (g: StatisticsGroup) => string): ChartOption | null =>
    groups
      ? ({
          aria: { enabled: true },
          tooltip: { trigger: 'item' },
          legend: { bottom: 0, type: 'scroll' },
          series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { show: false }, data: groups.filter((g) => g.count > 0).map((g) => ({ name: name(g), value: g.count })) }],
        } as ChartOption)
      : null;
  const levelOption = useMemo(() => pie(levels.data?.groups, (g) => levelName(Number(g.key), locale)), [levels.data, locale]);
  const channelOption = useMemo(() => pie(channels.data?.groups, (g) => channelName(g.key, locale)), [channels.data, locale]);
  const drillGroups = drill.data?.groups;
  const drillOption = useMemo<ChartOption | null>(() => {
    if (!drillGroups) return null;
    const shown = drillGroups.slice(0, 30);
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: shown.map((g) => groupName(view.level)(g.key, g.label)) },
      series: [{ type: 'bar', name: t('dashboard.series.count'), barMaxWidth: 28, data: shown.map((g) => g.count), cursor: view.level === 'staff' ? 'default' : 'pointer' }],
    } as ChartOption;
    // groupName depends on the locale and the level only.
  }, [drillGroups, view.level, locale, t]);
  const summary = (groups: StatisticsGroup[] | undefined, name: (g: StatisticsGroup) => string) =>
    (groups ?? []).map((g) => `${name(g)} ${formatCount(g.count)}（${formatRate(g.share)}）`).join('；') || t('dashboard.noData');

  const total = trend.data?.total;
  const shown = trend.data?.period;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <section aria-label={t('dashboard.filters')}>
          <Space wrap size={24}>
            <PeriodPicker value={period} shown={shown} onChange={setPeriod} />
            <Space>
              <Typography.Text id={kindLabel}>{t('dashboard.kind')}</Typography.Text>
              <Segmented
                aria-labelledby={kindLabel}
                value={kind}
                onChange={(k) => setKind(k as RatingKind)}
                options={[
                  { value: 'active', label: t('dashboard.kind.active') },
                  { value: 'default', label: t('dashboard.kind.default') },
                ]}
              />
            </Space>
            {shown && (
              <Typography.Text type="secondary" data-testid="period-shown">
                {t('dashboard.periodShown', { from: shown.from, to: shown.to, days: shown.days })}
              </Typography.Text>
            )}
          </Space>
        </section>
      </Card>

      <nav aria-label={t('dashboard.crumbs')}>
        <Breadcrumb
          items={[{ label: t('dashboard.crumb.all'), view: ROOT }, ...path].map((c, i, all) => ({
            key: String(i),
            title:
              i === all.length - 1 ? (
                <span aria-current="location">{c.label}</span>
              ) : (
                <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setPath(path.slice(0, i))}>
                  {c.label}
                </Button>
              ),
          }))}
        />
      </nav>

      {shown?.visibleThrough && <Alert type="info" showIcon title={t('dashboard.visibleThrough', { date: shown.visibleThrough })} />}
      <QueryError error={trend.error} what={t('dashboard.kpis')} onRetry={trend.reload} />
      <KpiCards total={total} loading={trend.loading} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{`${t('dashboard.trend')}（${t(trendBy === 'day' ? 'dashboard.trend.byDay' : 'dashboard.trend.byMonth')}）`}</h2>}
            extra={<Button aria-label={t('dashboard.exportOf', { what: t('dashboard.trend') })} onClick={() => download({ ...base, groupBy: trendBy })}>{t('dashboard.export')}</Button>}
          >
            <Chart option={trendOption} testId="chart-trend" label={t('dashboard.chart.trend', { n: trend.data?.groups.length ?? 0 })} />
          </Card>
        </Col>
        <Col xs={24} md={12} xxl={6}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.levels')}</h2>}
            extra={<Button aria-label={t('dashboard.exportOf', { what: t('dashboard.levels') })} onClick={() => download({ ...base, groupBy: 'level' })}>{t('dashboard.export')}</Button>}
          >
            <Chart option={levelOption} height={200} testId="chart-levels" label={t('dashboard.chart.levels', { summary: summary(levels.data?.groups, (g) => levelName(Number(g.key), locale)) })} />
            <GroupTable label={t('dashboard.levels')} testId="levels-table" groups={levels.data?.groups ?? []} loading={levels.loading} name={(g) => groupName('level')(g.key, g.label)} withRates={false} />
          </Card>
        </Col>
        <Col xs={24} md={12} xxl={6}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dashboard.channels')}</h2>}
            extra={<Button aria-label={t('dashboard.exportOf', { what: t('dashboard.channels') })} onClick={() => download({ ...base, groupBy: 'channel' })}>{t('dashboard.export')}</Button>}
          >
            <Chart option={channelOption} height={200} testId="chart-channels" label={t('dashboard.chart.channels', { summary: summary(channels.data?.groups, (g) => channelName(g.key, locale)) })} />
            <GroupTable label={t('dashboard.channels')} testId="channels-table" groups={channels.data?.groups ?? []} loading={channels.loading} name={(g) => channelLabel(g.key, locale)} withRates={false} />
          </Card>
        </Col>
      </Row>

      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{drillTitle}</h2>}
        extra={<Button aria-label={t('dashboard.exportOf', { what: drillTitle })} onClick={() => download({ ...base, groupBy: view.level, limit: 5000 })}>{t('dashboard.export')}</Button>}
      >
        {view.level !== 'staff' && <Typography.Paragraph type="secondary">{t('dashboard.drill.hint')}</Typography.Paragraph>}
        <QueryError error={drill.error} what={drillTitle} onRetry={drill.reload} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Chart
              option={drillOption}
              height={Math.max(200, Math.min(30, drillGroups?.length ?? 0) * 28 + 40)}
              testId="chart-drill"
              label={t('dashboard.chart.drill', { what: drillTitle })}
              onItemClick={(i) => drillGroups?.[i] && open(drillGroups[i])}
            />
          </Col>
          <Col xs={24} xl={14}>
            <GroupTable label={drillTitle} testId="drill-table" groups={drillGroups ?? []} loading={drill.loading} name={drillName} onOpen={view.level === 'staff' ? undefined : open} />
          </Col>
        </Row>
      </Card>

      {canRank && <RankingCard query={{ ...periodQuery(period), ...view.slice, level: view.level }} metric={metric} onMetric={setMetric} name={(key, label) => groupName(view.level)(key, label)} />}

      {trend.data && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dashboard.formula', { v: trend.data.formulaVersion })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** A channel's name, or its code when the domain does not know it. */
function channelLabel(key: string, locale: 'zh-CN' | 'en'): string {
  return EVALUATION_CHANNEL_INFO[key as EvaluationChannel] ? channelName(key, locale) : key;
}

/** The days (YYYY-MM-DD) or months (YYYY-MM) from `from` to `to`, not past today. */
function timeline(from: string, to: string, unit: 'day' | 'month'): string[] {
  const today = beijingToday();
  const last = to < today ? to : today;
  const keys: string[] = [];
  for (let d = dayjs(from); !d.isAfter(dayjs(last), 'day') && keys.length < 1200; d = d.add(1, unit)) keys.push(d.format(unit === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM'));
  return keys;
}
