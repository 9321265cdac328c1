import { hasPermission, type StaffRole } from '@hcp/domain';
import { Alert, App, Button, Card, Form, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { FilterForm } from '@/components/filter-form.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { RegionPeriodFields } from '@/components/region-period-fields.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useRegionNames } from '@/lib/lookups/regions.ts';
import { useFormSubmit } from '@/lib/use-form-submit.ts';
import { downloadReport } from '../api/download-report.ts';
import { useReports, type Report, type ReportPeriodKind, type ReportStatus } from '../api/list-reports.ts';
import { requestReport, type ReportRequest } from '../api/request-report.ts';

const STATUS_COLOUR: Record<ReportStatus, string> = { pending: 'blue', retrying: 'orange', ready: 'green', failed: 'red' };

/** The month or quarter before today's, as a report asks for it. */
function lastPeriod(kind: ReportPeriodKind): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (kind === 'month') return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const q = Math.ceil(m / 3);
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

type Filter = { regionCode?: string; periodKind?: ReportPeriodKind; status?: ReportStatus };

/**
 * 通报报告: the monthly and quarterly reports of the regions in the user's scope with their status;
 * generate one on demand, download a ready one as XLSX or PDF, see why one failed and retry it. The
 * list refreshes itself while a report is being generated.
 */
export function ReportsPage({ role }: { role: StaffRole }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const mayGenerate = hasPermission(role, 'report.generate');
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(0);
  const list = useReports({ ...filter, limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const regionNames = useRegionNames(rows.map((r) => r.regionCode));
  const busy = rows.some((r) => r.status === 'pending' || r.status === 'retrying');

  // While a report is queued or retrying, look again every few seconds.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(list.reload, 3000);
    return () => clearInterval(timer);
  }, [busy, list.reload]);

  const again = async (r: Report) => {
    try {
      await requestReport({ regionCode: r.regionCode, periodKind: r.periodKind, period: r.period, regenerate: true });
      message.success(t('reports.queued'));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  const download = (r: Report, format: 'xlsx' | 'pdf') => downloadReport(r.id, format).catch((e: unknown) => message.error(errorMessage(e, t)));

  return (
    <div>
      {mayGenerate ? <GenerateCard onQueued={list.reload} /> : null}
      <FilterForm<Filter>
        name="report-filter"
        onApply={(v) => {
          setFilter({ ...(v.regionCode ? { regionCode: v.regionCode } : {}), ...(v.periodKind ? { periodKind: v.periodKind } : {}), ...(v.status ? { status: v.status } : {}) });
          setPage(0);
          list.reload();
        }}
      >
        <Form.Item label={t('common.region')} name="regionCode">
          <RegionSelect allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('reports.periodKind')} name="periodKind">
          <Select allowClear style={{ width: 120 }} options={(['month', 'quarter'] as const).map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('reports.status')} name="status">
          <Select allowClear style={{ width: 140 }} options={(['pending', 'retrying', 'ready', 'failed'] as const).map((s) => ({ value: s, label: t(`reports.status.${s}`) }))} />
        </Form.Item>
      </FilterForm>
      <QueryError error={list.error} what={t('nav.reports')} onRetry={list.reload} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Button onClick={list.reload}>{t('reports.refresh')}</Button>
        {busy ? (
          <Typography.Text type="secondary" role="status">
            {t('reports.autoRefresh')}
          </Typography.Text>
        ) : null}
      </Space>
      <Table<Report>
        aria-label={t('reports.list')}
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('reports.empty') }}
        columns={[
          { title: t('common.region'), dataIndex: 'regionCode', render: (c: string) => regionNames.get(c) ?? c },
          { title: t('reports.period'), key: 'period', render: (_, r) => `${r.period}（${t(`reports.kind.${r.periodKind}`)}）` },
          {
            title: t('reports.status'),
            dataIndex: 'status',
            render: (s: ReportStatus) => (
              <Tag color={STATUS_COLOUR[s]} data-status={s}>
                {t(`reports.status.${s}`)}
              </Tag>
            ),
          },
          { title: t('reports.attempts'), dataIndex: 'attempts' },
          {
            title: t('reports.error'),
            dataIndex: 'error',
            render: (e: string | null) =>
              e ? (
                <Typography.Text type="danger" style={{ maxWidth: 320, display: 'inline-block', whiteSpace: 'pre-wrap' }}>
                  {e}
                </Typography.Text>
              ) : (
                ''
              ),
          },
          { title: t('reports.trigger'), dataIndex: 'trigger', render: (v: Report['trigger']) => t(`reports.trigger.${v}`) },
          { title: t('reports.generatedAt'), dataIndex: 'generatedAt', render: (v: string | null) => formatInstant(v, locale) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => {
              const name = `${regionNames.get(r.regionCode) ?? r.regionCode} ${r.period}`;
              return (
                <Space wrap>
                  {r.status === 'ready' ? (
                    <>
                      <Button size="small" aria-label={`${t('reports.downloadXlsx')} ${name}`} onClick={() => void download(r, 'xlsx')}>
                        {t('reports.downloadXlsx')}
                      </Button>
                      <Button size="small" aria-label={`${t('reports.downloadPdf')} ${name}`} onClick={() => void download(r, 'pdf')}>
                        {t('reports.downloadPdf')}
                      </Button>
                    </>
                  ) : null}
                  {mayGenerate && (r.status === 'failed' || r.status === 'ready') ? (
                    <Button size="small" danger={r.status === 'failed'} aria-label={`${r.status === 'failed' ? t('reports.retry') : t('reports.regenerate')} ${name}`} onClick={() => void again(r)}>
                      {r.status === 'failed' ? t('reports.retry') : t('reports.regenerate')}
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
      <Pager page={page} hasNext={(list.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.reports') })} />
    </div>
  );
}

/** Asks for the report of a region and month or quarter; an existing one is shown as it is. */
function GenerateCard({ onQueued }: { onQueued: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportRequest>();
  const kind = Form.useWatch('periodKind', form) ?? 'month';
  const [outcome, setOutcome] = useState<string | null>(null);
  const { submit, pending, error } = useFormSubmit(
    form,
    (v: ReportRequest) => requestReport({ regionCode: v.regionCode, periodKind: v.periodKind, period: v.period.trim() }),
    (r) => {
      const text = r.queued ? t('reports.queued') : `${t('reports.exists')}：${t(`reports.status.${r.report.status}`)}`;
      setOutcome(text);
      message.success(text);
      onQueued();
    },
  );
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('reports.generate')}</h2>} style={{ marginBottom: 24 }}>
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ReportRequest>
        form={form}
        name="report-generate"
        layout="inline"
        initialValues={{ periodKind: 'month', period: lastPeriod('month') }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<ReportRequest>) => {
          setOutcome(null);
          if (changed.periodKind) form.setFieldValue('period', lastPeriod(changed.periodKind));
        }}
        disabled={pending}
        style={{ rowGap: 12 }}
      >
        <RegionPeriodFields kind={kind} />
        <Form.Item>
          <Button type="primary" htmlType="submit" disabled={pending} aria-busy={pending}>
            {t('reports.generate')}
          </Button>
        </Form.Item>
      </Form>
      {outcome ? (
        <Typography.Paragraph role="status" style={{ marginTop: 12, marginBottom: 0 }}>
          {outcome}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
