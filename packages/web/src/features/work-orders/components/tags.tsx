import type { WorkOrderState } from '@hcp/domain';
import { Space, Tag, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { levelName } from '@/lib/evaluation-labels.ts';
import { countdown, dueDay } from '../text.ts';
import type { WorkOrder, WorkOrderRequest, WorkOrderSummary } from '../api/types.ts';

/** Overdue text: 6.5:1 on white. */
export const OVERDUE_RED = '#b3261e';

const STATE_COLOR: Partial<Record<WorkOrderState, string>> = {
  opened: 'orange',
  assigned: 'blue',
  verifying: 'blue',
  decided: 'blue',
  rectified: 'cyan',
  feedback_given: 'purple',
  closed_resolved: 'green',
  closed_unresolved: 'red',
  closed_appeal_upheld: 'default',
  closed_unrectifiable: 'default',
};

/** The order's state in words. */
export function StateTag({ state }: { state: WorkOrderState }) {
  const { t } = useI18n();
  return <Tag color={STATE_COLOR[state]}>{t(`wo.state.${state}`)}</Tag>;
}

/** 预警 / 红牌 / 已督办, while the alerted deadline is still the pending one. */
export function FlagTags({ order }: { order: Pick<WorkOrder, 'flag' | 'escalatedAt'> }) {
  const { t } = useI18n();
  if (!order.flag) return null;
  return (
    <Space size={4} wrap>
      <Tag color={order.flag === 'red_card' ? 'red' : 'gold'}>{t(`wo.flag.${order.flag}`)}</Tag>
      {order.escalatedAt && <Tag color="magenta">{t('wo.escalated')}</Tag>}
    </Space>
  );
}

/** The rating the order is about: its level, real-name, and an exclusion by an upheld appeal. */
export function RatingTags({ summary }: { summary: WorkOrderSummary | null }) {
  const { t, locale } = useI18n();
  if (!summary) return null;
  return (
    <Space size={4} wrap>
      <Tag color="red">
        {summary.level} {levelName(summary.level, locale)}
      </Tag>
      {summary.realName && <Tag color="blue">{t('wo.realName')}</Tag>}
      {summary.excludedAs && <Tag>{t('wo.excluded', { kind: t(`wo.excluded.${summary.excludedAs}`) })}</Tag>}
    </Space>
  );
}

/** The pending deadline: which one, its last day and the working days left on the region's calendar. */
export function DeadlineCell({ order }: { order: WorkOrder }) {
  const { t, locale } = useI18n();
  if (!order.pendingDeadline) return <Typography.Text type="secondary">{t('wo.noDeadline')}</Typography.Text>;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <span>{t('wo.dueBy', { what: t(`wo.due.${order.pendingDeadline}`), day: dueDay(order.pendingDue, locale) })}</span>
      {/* A darker red than Ant Design's danger text, for AA contrast on white. */}
      <Typography.Text type={order.overdue ? undefined : 'secondary'} strong={order.overdue || (order.workingDaysLeft ?? 2) <= 1} style={order.overdue ? { color: OVERDUE_RED } : undefined}>
        {countdown(order.workingDaysLeft, t)}
      </Typography.Text>
    </span>
  );
}

/** 待审批, 已批准 / 申诉成立 (with 误评 or 恶意差评), 已驳回 / 申诉不成立, 已取消. */
export function RequestStatusTag({ request: r }: { request: Pick<WorkOrderRequest, 'kind' | 'status' | 'excludedAs'> }) {
  const { t } = useI18n();
  const appeal = r.kind === 'appeal';
  const text =
    appeal && r.status === 'approved' ? t('wo.request.appeal.approved') : appeal && r.status === 'rejected' ? t('wo.request.appeal.rejected') : t(`wo.request.status.${r.status}`);
  const color = r.status === 'pending' ? 'gold' : r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : 'default';
  return (
    <Space size={4} wrap>
      <Tag color={color}>{text}</Tag>
      {r.excludedAs && <Tag>{t(`wo.excluded.${r.excludedAs}`)}</Tag>}
    </Space>
  );
}
