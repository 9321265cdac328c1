import { SUPERVISION_ALERT_NAMES } from '@hcp/domain';
import { App, Button, Form, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { FormModal, useFormModal } from '@/components/form-modal.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { acknowledgeAlert } from '../api/acknowledge-alert.ts';
import { ALERT_KINDS, useAlerts, type AlertKind, type AlertStatus, type SupervisionAlert } from '../api/list-alerts.ts';
import { runCheck } from '../api/run-check.ts';

const pct = (v: number | string | null | undefined) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
const KIND_COLOR: Record<AlertKind, string> = { staff_bad_ratings: 'orange', unit_low_rank: 'red', unit_overdue: 'volcano' };

/**
 * 督办预警: the alerts of the daily check in the user's scope — staff with concentrated bad
 * ratings, units with a high bad-rating rate and a low rank, units with overdue work orders — with
 * what was done about each (acknowledge with a note) and a button to run the check now.
 */
export function AlertsPage({ canAcknowledge }: { canAcknowledge: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const statusLabel = useId();
  const [status, setStatus] = useState<AlertStatus | 'all'>('open');
  const [kind, setKind] = useState<AlertKind | undefined>(undefined);
  const [page, setPage] = useState(0);
  const [checking, setChecking] = useState(false);
  const list = useAlerts({ ...(status !== 'all' ? { status } : {}), ...(kind ? { kind } : {}), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (list.data?.items ?? []).slice(0, PAGE_SIZE);
  const ack = useFormModal(
    (v: { note: string }, a: SupervisionAlert) => acknowledgeAlert(a.id, v.note),
    () => {
      message.success(t('alerts.ack.done'));
      list.reload();
    },
  );

  const figures = (a: SupervisionAlert) => {
    const f = a.figures;
    if (a.kind === 'staff_bad_ratings') return t('alerts.fig.staff', { bad: String(f.bad), ratings: String(f.ratings), rate: pct(f.badRate) });
    if (a.kind === 'unit_low_rank') return t('alerts.fig.unit', { rate: pct(f.badRate), bad: String(f.bad), ratings: String(f.ratings), rank: String(f.rank), count: String(f.rankedCount) });
    return t('alerts.fig.overdue', { overdue: String(f.overdue), orders: String(f.orders), open: String(f.stillOpen) });
  };

  const check = async () => {
    setChecking(true);
    try {
      const r = await runCheck();
      const raised = Object.values(r.raised).reduce((s, n) => s + n, 0);
      message.success(t('alerts.checked', { due: r.due, raised }));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setChecking(false);
    }
  };

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('alerts.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap size={16}>
          <Space>
            <Typography.Text id={statusLabel}>{t('alerts.status')}</Typography.Text>
            <Segmented
              aria-labelledby={statusLabel}
              value={status}
              onChange={(v) => {
                setStatus(v as AlertStatus | 'all');
                setPage(0);
              }}
              options={[
                { value: 'open', label: t('alerts.status.open') },
                { value: 'acknowledged', label: t('alerts.status.acknowledged') },
                { value: 'all', label: t('common.all') },
              ]}
            />
          </Space>
          <Select<AlertKind>
            aria-label={t('alerts.kind')}
            placeholder={t('alerts.kind')}
            allowClear
            style={{ minWidth: 220 }}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(0);
            }}
            options={ALERT_KINDS.map((k) => ({ value: k, label: labelIn(SUPERVISION_ALERT_NAMES[k], locale) }))}
          />
          {list.data && (
            <Tag color={list.data.open > 0 ? 'red' : 'default'} data-testid="alerts-open">
              {t('alerts.open', { n: list.data.open })}
            </Tag>
          )}
        </Space>
        {canAcknowledge && (
          <Button onClick={check} disabled={checking} aria-busy={checking}>
            {t('alerts.check')}
          </Button>
        )}
      </Space>
      <QueryError error={list.error} what={t('nav.supervisionAlerts')} onRetry={list.reload} />
      <Table<SupervisionAlert>
        aria-label={t('nav.supervisionAlerts')}
        data-testid="alerts-table"
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('alerts.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('alerts.kind'), key: 'kind', render: (_, a) => <Tag color={KIND_COLOR[a.kind]}>{labelIn(SUPERVISION_ALERT_NAMES[a.kind], locale)}</Tag> },
          {
            title: t('alerts.subject'),
            key: 'subject',
            render: (_, a) => (
              <span>
                {a.staffName ? `${t('alerts.staffOf', { name: a.staffName, no: a.employeeNo ?? '' })}，` : ''}
                {a.unitName}
                {a.regionName ? <Typography.Text type="secondary">（{a.regionName}）</Typography.Text> : null}
              </span>
            ),
          },
          { title: t('alerts.period'), key: 'period', render: (_, a) => a.period.key },
          { title: t('alerts.figures'), key: 'figures', render: (_, a) => <span data-cell="figures">{figures(a)}</span> },
          { title: t('alerts.raisedAt'), key: 'raisedAt', render: (_, a) => formatInstant(a.raisedAt, locale) },
          {
            title: t('alerts.status'),
            key: 'status',
            render: (_, a) =>
              a.acknowledged ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="green">{t('alerts.status.acknowledged')}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('alerts.ack.by', { name: a.acknowledged.byName ?? `#${a.acknowledged.by}`, at: formatInstant(a.acknowledged.at, locale), note: a.acknowledged.note })}
                  </Typography.Text>
                </Space>
              ) : (
                <Tag color="red">{t('alerts.status.open')}</Tag>
              ),
          },
          ...(canAcknowledge
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, a: SupervisionAlert) =>
                    a.acknowledged ? null : (
                      <Button size="small" aria-label={t('alerts.acknowledgeOf', { id: a.id })} onClick={() => ack.open({}, a)}>
                        {t('alerts.acknowledge')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Pager page={page} hasNext={(list.data?.items.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.supervisionAlerts') })} />
      <FormModal<{ note: string }> {...ack.props} name="alert-ack" title={t('alerts.ack.title')} okText={t('alerts.acknowledge')}>
        <Form.Item label={t('alerts.ack.note')} name="note" rules={[{ required: true, whitespace: true, message: t('common.required', { what: t('alerts.ack.note') }) }]} extra={t('alerts.ack.noteHint')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </FormModal>
    </div>
  );
}
