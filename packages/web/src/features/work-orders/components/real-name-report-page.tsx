import { Alert, Button, DatePicker, Descriptions, Form, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { FilterForm } from '@/components/filter-form.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { channelName, levelName } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { exportRealNameReport, useRealNameReport, type RealNameItem, type RealNameQuery } from '../api/real-name-report.ts';
import { workOrderErrorMessage } from '../text.ts';
import { OVERDUE_RED } from './tags.tsx';

/** This month in Beijing, as the report's first period. */
function thisMonth(): RealNameQuery {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

interface Values {
  period?: [Dayjs, Dayjs] | null;
  region?: string | null;
}

/**
 * 实名差评跟踪: every real-name bad rating of a period in the user's scope with its rectification and
 * revisit state, those not closed flagged, the totals and rates, and the same as an Excel workbook.
 */
export function RealNameReportPage() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState<RealNameQuery>(thisMonth);
  const [page, setPage] = useState(0);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const report = useRealNameReport({ ...query, limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (report.data?.items ?? []).slice(0, PAGE_SIZE);
  const totals = report.data?.totals;
  const pct = (r: number | null | undefined) => (r === null || r === undefined ? t('wo.none') : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(r));

  const doExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await exportRealNameReport(query);
    } catch (e) {
      setExportError(workOrderErrorMessage(e, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div>
      <FilterForm<Values>
        name="real-name-filter"
        onApply={(v) => {
          const base = v.period?.[0] && v.period[1] ? { from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') } : thisMonth();
          setQuery({ ...base, ...(v.region ? { region: v.region } : {}) });
          setPage(0);
          report.reload();
        }}
      >
        <Form.Item label={t('rn.period')} name="period">
          <DatePicker.RangePicker allowEmpty={[false, false]} />
        </Form.Item>
        <Form.Item label={t('common.region')} name="region">
          <RegionSelect allowClear style={{ width: 200 }} />
        </Form.Item>
      </FilterForm>
      <Space style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">
          {t('rn.periodShown', { from: query.from, to: query.to })} · {t('rn.hint')}
        </Typography.Text>
        <Button onClick={() => void doExport()} disabled={exporting} aria-busy={exporting}>
          {t('rn.export')}
        </Button>
      </Space>
      {exportError && <Alert type="error" showIcon role="alert" title={exportError} style={{ marginBottom: 16 }} />}
      <QueryError error={report.error} what={t('nav.realNameReport')} onRetry={report.reload} />
      {totals && (
        <Descriptions
          title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('rn.totals')}</h2>}
          size="small"
          column={{ xs: 2, md: 5 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'count', label: t('rn.count'), children: totals.count },
            { key: 'excluded', label: t('rn.excluded'), children: totals.excluded },
            { key: 'tracked', label: t('rn.tracked'), children: totals.tracked },
            { key: 'closed', label: t('rn.closed'), children: totals.closed },
            { key: 'notClosed', label: t('rn.notClosed'), children: <span style={totals.notClosed ? { color: OVERDUE_RED, fontWeight: 600 } : undefined}>{totals.notClosed}</span> },
            { key: 'rectified', label: t('rn.rectified'), children: totals.rectified },
            { key: 'revisited', label: t('rn.revisited'), children: totals.revisited },
            { key: 'closedRate', label: t('rn.closedRate'), children: pct(totals.closedRate) },
            { key: 'rectifyRate', label: t('rn.rectifyRate'), children: pct(totals.rectifyRate) },
            { key: 'revisitRate', label: t('rn.revisitRate'), children: pct(totals.revisitRate) },
          ]}
        />
      )}
      <Table<RealNameItem>
        aria-label={t('nav.realNameReport')}
        rowKey="evaluationId"
        loading={report.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('wo.submittedAt'), key: 'at', render: (_, r) => formatInstant(r.submittedAt, locale) },
          { title: t('wo.case'), dataIndex: 'caseNo' },
          { title: t('wo.item'), dataIndex: 'itemName' },
          { title: t('wo.unit'), dataIndex: 'unitName' },
          {
            title: t('wo.rating'),
            key: 'level',
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color="red">
                  {r.level} {levelName(r.level, locale)}
                </Tag>
                {r.excludedAs && <Tag>{t('wo.excluded', { kind: t(`wo.excluded.${r.excludedAs as 'mistaken'}`) })}</Tag>}
              </Space>
            ),
          },
          { title: t('wo.channel'), key: 'channel', render: (_, r) => channelName(r.channel, locale) },
          {
            title: t('wo.id'),
            key: 'order',
            render: (_, r) =>
              r.workOrderId ? (
                <Link to={`/console/work-orders/${r.workOrderId}`} aria-label={t('wo.open', { id: r.workOrderId })}>
                  #{r.workOrderId}
                </Link>
              ) : (
                ''
              ),
          },
          { title: t('wo.state'), key: 'state', render: (_, r) => (r.state ? t(`wo.state.${r.state as 'opened'}`) : '') },
          { title: t('rn.rectifiedAt'), key: 'rect', render: (_, r) => formatInstant(r.rectifiedAt, locale) },
          { title: t('rn.revisitedAt'), key: 'rev', render: (_, r) => formatInstant(r.revisitedAt, locale) },
          { title: t('rn.revisitResult'), key: 'res', render: (_, r) => (r.revisitResult ? t(`wo.revisit.${r.revisitResult}`) : '') },
          { title: t('wo.closedAt'), key: 'closed', render: (_, r) => formatInstant(r.closedAt, locale) },
          { title: t('rn.notClosedFlag'), key: 'flag', render: (_, r) => (r.notClosed ? <Tag color="red">{t('rn.notClosedFlag')}</Tag> : null) },
        ]}
      />
      <Pager page={page} hasNext={(report.data?.items.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.realNameReport') })} />
    </div>
  );
}
