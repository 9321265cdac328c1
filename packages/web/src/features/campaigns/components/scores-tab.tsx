import { CAMPAIGN_OBJECT_GROUP_NAMES } from '@hcp/domain';
import { App, Button, Space, Table, Typography } from 'antd';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { downloadObjectReport, downloadScores, useScores, type CampaignScores } from '../api/get-scores.ts';

type Row = CampaignScores['objects'][number];

/** Each object's quarterly and yearly score, ranked, with its report as XLSX or PDF. */
export function ScoresTab({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const scores = useScores(id);
  const s = scores.data;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
  const fail = (e: unknown) => message.error(errorMessage(e, t));
  return (
    <div>
      <QueryError error={scores.error} what={t('campaigns.tab.scores')} onRetry={scores.reload} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => downloadScores(id).catch(fail)}>{t('campaigns.exportScores')}</Button>
        <Button onClick={scores.reload}>{t('reports.refresh')}</Button>
      </Space>
      {s ? (
        <Typography.Paragraph type="secondary">{t('campaigns.asOf', { version: s.configVersion, at: formatInstant(s.asOf, locale), formula: s.formulaVersion })}</Typography.Paragraph>
      ) : null}
      {s && s.objects.length === 0 ? <Typography.Paragraph>{t('campaigns.noObjects')}</Typography.Paragraph> : null}
      <Table<Row>
        aria-label={t('campaigns.tab.scores')}
        rowKey="orgId"
        loading={scores.loading && !s}
        dataSource={s ? [...s.objects].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)) : []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('campaigns.rank'), dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
          { title: t('campaigns.object'), dataIndex: 'name' },
          { title: t('campaigns.group'), dataIndex: 'group', render: (g: Row['group']) => labelIn(CAMPAIGN_OBJECT_GROUP_NAMES[g], locale) },
          ...[1, 2, 3, 4].map((q) => ({
            title: t('campaigns.quarter', { n: q }),
            key: `q${q}`,
            render: (_: unknown, r: Row) => {
              const score = r.quarters[q - 1];
              return score ? <span data-quarter={q}>{fmt(score.total)}</span> : <Typography.Text type="secondary">{t('campaigns.quarterNotBegun')}</Typography.Text>;
            },
          })),
          { title: t('campaigns.yearScore'), dataIndex: 'year', render: (v: number | null) => <strong data-year-score>{fmt(v)}</strong> },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space wrap>
                <Button size="small" aria-label={`${t('campaigns.reportXlsx')} ${r.name}`} onClick={() => downloadObjectReport(id, r.orgId, 'xlsx').catch(fail)}>
                  {t('campaigns.reportXlsx')}
                </Button>
                <Button size="small" aria-label={`${t('campaigns.reportPdf')} ${r.name}`} onClick={() => downloadObjectReport(id, r.orgId, 'pdf').catch(fail)}>
                  {t('campaigns.reportPdf')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
