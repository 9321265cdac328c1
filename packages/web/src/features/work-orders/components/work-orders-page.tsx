import { WORK_ORDER_STATES, type WorkOrderState } from '@hcp/domain';
import { Form, Select, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FilterForm } from '@/components/filter-form.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useWorkOrders, type WorkOrderQuery } from '../api/work-orders.ts';
import type { WorkOrder } from '../api/types.ts';
import { DeadlineCell, FlagTags, RatingTags, StateTag } from './tags.tsx';

/** The lists a handler and a supervisor look at: all, overdue, 预警, 红牌, and those closed unresolved. */
export const WORK_ORDER_VIEWS = ['all', 'overdue', 'warning', 'red_card', 'closed_unresolved'] as const;
export type WorkOrderView = (typeof WORK_ORDER_VIEWS)[number];

const viewQuery = (view: WorkOrderView): Omit<WorkOrderQuery, 'limit' | 'offset'> =>
  view === 'overdue' ? { overdue: true } : view === 'warning' || view === 'red_card' ? { flag: view } : view === 'closed_unresolved' ? { state: 'closed_unresolved' } : {};

/** The columns every list of orders shows; `extra` adds actions at the end. */
export function useWorkOrderColumns() {
  const { t, locale } = useI18n();
  return [
    {
      title: t('wo.id'),
      key: 'id',
      render: (_: unknown, o: WorkOrder) => (
        <Link to={`/console/work-orders/${o.id}`} aria-label={t('wo.open', { id: o.id })}>
          #{o.id}
        </Link>
      ),
    },
    { title: t('wo.case'), key: 'case', render: (_: unknown, o: WorkOrder) => o.summary?.caseNo ?? '' },
    { title: t('wo.item'), key: 'item', render: (_: unknown, o: WorkOrder) => o.summary?.itemName ?? '' },
    { title: t('wo.unit'), key: 'unit', render: (_: unknown, o: WorkOrder) => o.summary?.unitName ?? `#${o.unitId}` },
    { title: t('wo.staff'), key: 'staff', render: (_: unknown, o: WorkOrder) => o.summary?.staffName ?? '' },
    { title: t('wo.rating'), key: 'rating', render: (_: unknown, o: WorkOrder) => <RatingTags summary={o.summary} /> },
    {
      title: t('wo.state'),
      key: 'state',
      render: (_: unknown, o: WorkOrder) => (
        <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 4 }}>
          <StateTag state={o.state} />
          {o.reviewRound > 1 && <Typography.Text type="secondary">{t('wo.reviewRoundN', { n: o.reviewRound })}</Typography.Text>}
        </span>
      ),
    },
    { title: t('wo.deadline'), key: 'deadline', render: (_: unknown, o: WorkOrder) => <DeadlineCell order={o} /> },
    { title: t('wo.flag'), key: 'flag', render: (_: unknown, o: WorkOrder) => <FlagTags order={o} /> },
    { title: t('wo.openedAt'), key: 'opened', render: (_: unknown, o: WorkOrder) => formatInstant(o.openedAt, locale) },
  ];
}

/**
 * 整改工单: the orders in the user's scope (for a unit administrator, the unit's own: 我的工单; for a
 * window clerk, `own`, those about themselves), with the quick lists of overdue orders, warnings and
 * red cards.
 */
export function WorkOrdersPage({ own }: { own: boolean }) {
  const { t } = useI18n();
  const [view, setView] = useState<WorkOrderView>('all');
  const [state, setState] = useState<WorkOrderState | undefined>(undefined);
  const [page, setPage] = useState(0);
  const query: WorkOrderQuery = { ...viewQuery(view), ...(view === 'all' && state ? { state } : {}), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE };
  const list = useWorkOrders(query);
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const columns = useWorkOrderColumns();

  return (
    <div>
      <Tabs
        aria-label={t('wo.views')}
        activeKey={view}
        onChange={(k) => {
          setView(k as WorkOrderView);
          setPage(0);
        }}
        items={WORK_ORDER_VIEWS.map((v) => ({ key: v, label: t(`wo.view.${v}`) }))}
      />
      {view === 'all' && (
        <FilterForm<{ state?: WorkOrderState | null }>
          name="work-order-filter"
          onApply={(v) => {
            setState(v.state ?? undefined);
            setPage(0);
            list.reload();
          }}
        >
          <Form.Item label={t('wo.state')} name="state">
            <Select allowClear style={{ width: 200 }} options={WORK_ORDER_STATES.map((s) => ({ value: s, label: t(`wo.state.${s}`) }))} />
          </Form.Item>
        </FilterForm>
      )}
      {own && <Typography.Paragraph>{t('wo.ownHint')}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{t('wo.neverWho')}</Typography.Paragraph>
      <QueryError error={list.error} what={t('wo.list')} onRetry={list.reload} />
      <Table<WorkOrder>
        aria-label={t(`wo.view.${view}`)}
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
      />
      <Pager page={page} hasNext={(list.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('wo.list') })} />
    </div>
  );
}
