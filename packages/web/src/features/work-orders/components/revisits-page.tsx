import { withPolicyDefaults } from '@hcp/domain';
import { Alert, Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { newIdempotencyKey } from '@/lib/idempotency-key.ts';
import { usePolicy } from '../api/rating.ts';
import { takeAction, useWorkOrders } from '../api/work-orders.ts';
import type { WorkOrder } from '../api/types.ts';
import { RevisitDialog, type RevisitValues } from './step-dialogs.tsx';
import { useDialog } from './use-dialog.tsx';
import { useWorkOrderColumns } from './work-orders-page.tsx';

/**
 * 差评回访 for the 12345 operator: the orders whose unit has given feedback (feedback_given), and the
 * revisit of each: satisfied with the evaluator's new level, or not satisfied with the reason.
 */
export function RevisitsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useWorkOrders({ state: 'feedback_given', limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const columns = useWorkOrderColumns().filter((c) => c.key !== 'deadline' && c.key !== 'flag');
  const revisit = useDialog(
    (v: RevisitValues, c: { order: WorkOrder; key: string }) =>
      v.result === 'satisfied'
        ? takeAction(c.order.id, 'revisit_satisfied', { level: v.level!, tags: v.tags ?? [], ...(v.text?.trim() ? { text: v.text.trim() } : {}), ...(v.mistaken ? { mistaken: true } : {}), idempotencyKey: c.key })
        : takeAction(c.order.id, 'revisit_unsatisfied', { text: v.text!.trim(), idempotencyKey: c.key }),
    (c) => {
      setNotice(`${t('wo.revisit.done')} · ${t('wo.idN', { id: c.order.id })}`);
      list.reload();
    },
  );
  const policyQuery = usePolicy(revisit.context?.order.regionCode ?? null);
  const policy = policyQuery.data ? withPolicyDefaults(policyQuery.data.policy) : undefined;

  return (
    <div>
      <Typography.Paragraph>{t('wo.revisits.hint')}</Typography.Paragraph>
      <div aria-live="polite">{notice && <Alert type="success" showIcon title={notice} style={{ marginBottom: 16 }} closable={{ 'aria-label': t('common.close') }} onClose={() => setNotice(null)} />}</div>
      <QueryError error={list.error} what={t('nav.workOrderRevisits')} onRetry={list.reload} />
      <Table<WorkOrder>
        aria-label={t('nav.workOrderRevisits')}
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          ...columns,
          { title: t('wo.round'), key: 'round', render: (_: unknown, o: WorkOrder) => t('wo.roundN', { n: o.reviewRound }) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, o: WorkOrder) => (
              <Button type="primary" size="small" onClick={() => revisit.open({}, { order: o, key: newIdempotencyKey() })} aria-label={`${t('wo.action.revisit')} #${o.id}`}>
                {t('wo.action.revisit')}
              </Button>
            ),
          },
        ]}
      />
      <Pager page={page} hasNext={(list.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.workOrderRevisits') })} />
      <RevisitDialog dialog={revisit.props} id={revisit.context?.order.id ?? 0} policy={policy} maxReviews={policy?.workOrder.maxReviews ?? 1} />
    </div>
  );
}
