import { hasPermission, REQUEST_DECIDE_PERMISSION, REQUEST_KINDS, type RequestKind, type StaffRole } from '@hcp/domain';
import { Alert, Button, Segmented, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useOrganisationNames } from '@/lib/lookups/organisations.ts';
import { decideRequest, useRequests } from '../api/requests.ts';
import type { ListedRequest } from '../api/types.ts';
import { DecisionDialog, type DecisionValues } from './step-dialogs.tsx';
import { RequestStatusTag, StateTag } from './tags.tsx';
import { useDialog } from './use-dialog.tsx';
import { dueDay } from '../text.ts';

/**
 * 申请审批 for the management office: extension (延期), appeal (复核申诉) and 无法整改 requests in its
 * scope, pending first, each decided here with reasons; an upheld appeal marks the rating 误评 or 恶意差评.
 */
export function RequestsPage({ role }: { role: StaffRole }) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<RequestKind>('appeal');
  const [view, setView] = useState<'pending' | 'all'>('pending');
  const [page, setPage] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useRequests({ kind, ...(view === 'pending' ? { status: 'pending' as const } : {}), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const units = useOrganisationNames(rows.map((r) => r.order.unitId));
  const decide = useDialog(
    (v: DecisionValues, r: ListedRequest) => decideRequest(r.id, { outcome: v.outcome, reason: v.reason.trim(), ...(v.excludedAs ? { excludedAs: v.excludedAs } : {}) }),
    (r) => {
      setNotice(`${t('wo.decide.done')} · ${t(`wo.request.kind.${r.kind}`)} #${r.id}`);
      list.reload();
    },
  );

  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<RequestKind>
          aria-label={t('wo.requests.kinds')}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setPage(0);
          }}
          options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`wo.request.kind.${k}`) }))}
        />
      </Space>
      <Tabs
        activeKey={view}
        onChange={(k) => {
          setView(k as 'pending' | 'all');
          setPage(0);
        }}
        items={[
          { key: 'pending', label: t('wo.requests.view.pending') },
          { key: 'all', label: t('wo.requests.view.all') },
        ]}
      />
      <div aria-live="polite">{notice && <Alert type="success" showIcon title={notice} style={{ marginBottom: 16 }} closable={{ 'aria-label': t('common.close') }} onClose={() => setNotice(null)} />}</div>
      <QueryError error={list.error} what={t('nav.workOrderRequests')} onRetry={list.reload} />
      <Table<ListedRequest>
        aria-label={t(`wo.request.kind.${kind}`)}
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('wo.request.none') }}
        columns={[
          { title: t('wo.request.kind'), key: 'id', render: (_, r) => `${t(`wo.request.kind.${r.kind}`)} #${r.id}` },
          {
            title: t('wo.id'),
            key: 'order',
            render: (_, r) => (
              <Link to={`/console/work-orders/${r.workOrderId}`} aria-label={t('wo.open', { id: r.workOrderId })}>
                #{r.workOrderId}
              </Link>
            ),
          },
          { title: t('wo.unit'), key: 'unit', render: (_, r) => units.get(r.order.unitId) ?? `#${r.order.unitId}` },
          { title: t('wo.state'), key: 'state', render: (_, r) => <StateTag state={r.order.state} /> },
          { title: t('wo.request.reason'), key: 'reason', render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.reason}{r.days ? ` · ${t('wo.request.daysN', { n: r.days })}` : ''}</span> },
          { title: t('wo.request.requestedAt'), key: 'at', render: (_, r) => formatInstant(r.requestedAt, locale) },
          { title: t('wo.request.decisionDue'), key: 'due', render: (_, r) => (r.decisionDue ? t('wo.dueDay', { day: dueDay(r.decisionDue, locale) }) : '') },
          { title: t('wo.request.status'), key: 'status', render: (_, r) => <RequestStatusTag request={r} /> },
          { title: t('wo.request.decisionReason'), key: 'decision', render: (_, r) => r.decisionReason ?? '' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) =>
              r.status === 'pending' && hasPermission(role, REQUEST_DECIDE_PERMISSION[r.kind]) ? (
                <Button size="small" type="primary" onClick={() => decide.open({}, r)} aria-label={`${t('wo.action.decide')} ${t(`wo.request.kind.${r.kind}`)} #${r.id}`}>
                  {t('wo.action.decide')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Pager page={page} hasNext={(list.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.workOrderRequests') })} />
      <DecisionDialog dialog={decide.props} request={decide.context} />
    </div>
  );
}
