import {
  hasPermission,
  isClosed,
  PUBLIC_REPLY_STATES,
  REASSIGN_FROM,
  REQUEST_DECIDE_PERMISSION,
  REQUEST_FILE_PERMISSION,
  REQUEST_FROM,
  REQUEST_KINDS,
  transition,
  WORK_ORDER_ACTION_PERMISSION,
  WORK_ORDER_ACTIONS,
  withPolicyDefaults,
  type RequestKind,
  type StaffRole,
  type WorkOrderAction,
} from '@hcp/domain';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { channelName, labelIn, levelName } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { newIdempotencyKey } from '@/lib/idempotency-key.ts';
import { useRating, usePolicy } from '../api/rating.ts';
import { decideRequest, fileRequest, reassign } from '../api/requests.ts';
import { downloadAttachment, takeAction, useWorkOrder } from '../api/work-orders.ts';
import type { Attachment, WorkOrder, WorkOrderRequest } from '../api/types.ts';
import { countdown, dueDay, fileSize, workOrderErrorMessage } from '../text.ts';
import { AttachmentsCard } from './attachments-card.tsx';
import { PublicReplyCard } from './public-reply-card.tsx';
import { DecisionDialog, ReassignDialog, RequestDialog, RevisitDialog, StepDialog, type DecisionValues, type OrderFiles, type ReassignValues, type RequestValues, type RevisitValues, type StepValues } from './step-dialogs.tsx';
import { FlagTags, OVERDUE_RED, RatingTags, RequestStatusTag, StateTag } from './tags.tsx';
import { OrderTimeline } from './timeline.tsx';
import { useDialog } from './use-dialog.tsx';

/** The unit's steps, in the order they come; the two revisit answers share one button. */
const HANDLING_ACTIONS = WORK_ORDER_ACTIONS.filter((a) => !a.startsWith('revisit_'));

const h2 = (text: string) => <h2 style={{ margin: 0, fontSize: '1.1em' }}>{text}</h2>;

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={h2(title)} extra={extra} style={{ marginBottom: 16 }} size="small">
      {children}
    </Card>
  );
}

/**
 * One work order (整改工单): what it is about, its deadlines with the working days left, the steps the
 * user may take now (by role and state, the same rules the server applies), the requests and their
 * decisions, the attachments and every step taken. `role` decides which buttons show; the server
 * checks every call again.
 */
export function WorkOrderPage({ id, role }: { id: number; role: StaffRole }) {
  const { t, locale } = useI18n();
  const detail = useWorkOrder(id);
  const order = detail.data?.workOrder;
  const rating = useRating(order?.evaluationId ?? null);
  const latest = useRating(order?.revisitEvaluationId ?? null);
  const policyQuery = usePolicy(order?.regionCode ?? null);
  const policy = policyQuery.data ? withPolicyDefaults(policyQuery.data.policy) : undefined;
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const may = (p: Parameters<typeof hasPermission>[1]) => hasPermission(role, p);
  const attachments = detail.data?.attachments ?? [];
  const requests = detail.data?.requests ?? [];
  const files: OrderFiles = { workOrderId: id, attachments, canAttach: may('workorder.attach'), onUploaded: detail.reload };
  const done = (text: string) => {
    setNotice({ type: 'success', text });
    detail.reload();
  };

  const step = useDialog(
    (v: StepValues, c: { action: WorkOrderAction; key: string }) =>
      takeAction(id, c.action, { ...(v.text?.trim() ? { text: v.text.trim() } : {}), ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}), idempotencyKey: c.key }),
    (c) => done(t('wo.step.done', { action: t(`wo.action.${c.action}` as 'wo.action.assign') })),
  );
  const revisit = useDialog(
    (v: RevisitValues, c: { key: string }) =>
      v.result === 'satisfied'
        ? takeAction(id, 'revisit_satisfied', { level: v.level!, tags: v.tags ?? [], ...(v.text?.trim() ? { text: v.text.trim() } : {}), ...(v.mistaken ? { mistaken: true } : {}), idempotencyKey: c.key })
        : takeAction(id, 'revisit_unsatisfied', { text: v.text!.trim(), idempotencyKey: c.key }),
    () => done(t('wo.revisit.done')),
  );
  const request = useDialog(
    (v: RequestValues, c: { kind: RequestKind }) =>
      fileRequest(id, c.kind, { reason: v.reason.trim(), ...(c.kind === 'extension' ? { days: v.days! } : {}), ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}) }),
    (c) => done(t('wo.request.filed', { kind: t(`wo.request.kind.${c.kind}`) })),
  );
  const moveTo = useDialog(
    (v: ReassignValues) => reassign(id, { toUnitId: v.toUnitId, reason: v.reason.trim(), ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}) }),
    () => done(t('wo.reassign.done')),
  );
  const decide = useDialog(
    (v: DecisionValues, r: WorkOrderRequest) =>
      decideRequest(r.id, { outcome: v.outcome, reason: v.reason.trim(), ...(v.excludedAs ? { excludedAs: v.excludedAs } : {}), ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}) }),
    () => done(t('wo.decide.done')),
  );

  const download = (a: Attachment) => {
    downloadAttachment(id, a.id).catch((e: unknown) => setNotice({ type: 'error', text: workOrderErrorMessage(e, t) }));
  };

  const tagName = useMemo(() => {
    const names = new Map((policy?.tags ?? []).map((x) => [x.code, labelIn(x, locale)]));
    return (code: string) => (names.has(code) ? `${code} ${names.get(code)}` : code);
  }, [policy, locale]);

  if (!order) {
    return <QueryError error={detail.error} what={t('wo.idN', { id })} onRetry={detail.reload} />;
  }

  const now = new Date();
  const status = { state: order.state, decision: order.decision, reviewRound: order.reviewRound, closedAt: order.closedAt ? new Date(order.closedAt) : null };
  const maxReviews = policy?.workOrder.maxReviews ?? 1;
  const allowed = (a: WorkOrderAction) => may(WORK_ORDER_ACTION_PERMISSION[a]) && transition(status, a, now, maxReviews).ok;
  const handling = HANDLING_ACTIONS.filter(allowed);
  const canRevisit = allowed('revisit_satisfied');
  const pendingKinds = new Set(requests.filter((r) => r.status === 'pending').map((r) => r.kind));
  const appealOpen = !!order.appealWindowEnd && now < new Date(order.appealWindowEnd);
  const filable = REQUEST_KINDS.filter(
    (k) =>
      may(REQUEST_FILE_PERMISSION[k]) &&
      REQUEST_FROM[k].includes(order.state) &&
      !pendingKinds.has(k) &&
      (k !== 'extension' || now < new Date(order.deadlines.rectifyDue)) &&
      (k !== 'appeal' || appealOpen),
  );
  const canReassign = may('workorder.reassign') && REASSIGN_FROM.includes(order.state);
  const nothing = handling.length === 0 && !canRevisit && filable.length === 0 && !canReassign;

  return (
    <div>
      <Space size={8} wrap style={{ marginBottom: 16 }}>
        <StateTag state={order.state} />
        {order.decision && <Tag>{t(`wo.decision.${order.decision}`)}</Tag>}
        {order.reviewRound > 1 && <Tag color="orange">{t('wo.reviewRoundN', { n: order.reviewRound })}</Tag>}
        <FlagTags order={order} />
      </Space>
      <QueryError error={detail.error} what={t('wo.idN', { id })} onRetry={detail.reload} />

      <Section title={t('wo.section.actions')}>
        <div aria-live="polite">{notice && <Alert type={notice.type} showIcon title={notice.text} closable={{ 'aria-label': t('common.close') }} onClose={() => setNotice(null)} style={{ marginBottom: 12 }} />}</div>
        {isClosed(order.state) ? (
          <Typography.Paragraph>{t('wo.closedNote')}</Typography.Paragraph>
        ) : nothing ? (
          <Typography.Paragraph type="secondary">{t('wo.noActions')}</Typography.Paragraph>
        ) : null}
        <Space wrap>
          {handling.map((a) => (
            <Button key={a} type={a === 'feedback' || a.startsWith('decide_') || a === 'assign' || a === 'verify' || a === 'rectify' ? 'primary' : 'default'} onClick={() => step.open({}, { action: a, key: newIdempotencyKey() })}>
              {t(`wo.action.${a}` as 'wo.action.assign')}
            </Button>
          ))}
          {canRevisit && (
            <Button type="primary" onClick={() => revisit.open({}, { key: newIdempotencyKey() })}>
              {t('wo.action.revisit')}
            </Button>
          )}
          {filable.map((k) => (
            <Button key={k} onClick={() => request.open({ ...(k === 'extension' ? { days: 1 } : {}) }, { kind: k })}>
              {t(`wo.action.${k}`)}
            </Button>
          ))}
          {canReassign && <Button onClick={() => moveTo.open()}>{t('wo.action.reassign')}</Button>}
        </Space>
      </Section>

      <Section title={t('wo.section.rating')}>
        <RatingDescriptions order={order} rating={rating.data} latest={latest.data} tagName={tagName} />
      </Section>

      <Section title={t('wo.section.deadlines')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            ...(['firstContactDue', 'rectifyDue', 'feedbackDue'] as const).map((k) => ({
              key: k,
              label: t(`wo.due.${k}`),
              children: (
                <span>
                  {t('wo.dueDay', { day: dueDay(order.deadlines[k], locale) })}
                  {order.pendingDeadline === k && (
                    <Typography.Text strong style={{ marginInlineStart: 8, ...(order.overdue ? { color: OVERDUE_RED } : {}) }}>
                      {countdown(order.workingDaysLeft, t)}
                    </Typography.Text>
                  )}
                </span>
              ),
            })),
            {
              key: 'appeal',
              label: t('wo.appealUntil'),
              children: order.appealWindowEnd && !isClosed(order.state) ? (appealOpen ? t('wo.appealOpen', { day: dueDay(order.appealWindowEnd, locale) }) : t('wo.appealClosed', { day: dueDay(order.appealWindowEnd, locale) })) : t('wo.none'),
            },
            { key: 'opened', label: t('wo.openedAt'), children: formatInstant(order.openedAt, locale) },
            ...(order.warningAt ? [{ key: 'warning', label: t('wo.flag.warning'), children: formatInstant(order.warningAt, locale) }] : []),
            ...(order.redCardAt ? [{ key: 'red', label: t('wo.flag.red_card'), children: formatInstant(order.redCardAt, locale) }] : []),
            ...(order.closedAt ? [{ key: 'closed', label: t('wo.closedAt'), children: formatInstant(order.closedAt, locale) }] : []),
          ]}
        />
      </Section>

      <Section title={t('wo.section.requests')}>
        <Table<WorkOrderRequest>
          aria-label={t('wo.section.requests')}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={requests}
          locale={{ emptyText: t('wo.request.none') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('wo.request.kind'), key: 'kind', render: (_, r) => `${t(`wo.request.kind.${r.kind}`)} #${r.id}` },
            { title: t('wo.request.status'), key: 'status', render: (_, r) => <RequestStatusTag request={r} /> },
            { title: t('wo.request.reason'), key: 'reason', render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.reason}{r.days ? ` · ${t('wo.request.daysN', { n: r.days })}` : ''}</span> },
            { title: t('wo.request.requestedAt'), key: 'at', render: (_, r) => formatInstant(r.requestedAt, locale) },
            { title: t('wo.request.decisionDue'), key: 'due', render: (_, r) => (r.decisionDue ? t('wo.dueDay', { day: dueDay(r.decisionDue, locale) }) : '') },
            { title: t('wo.request.decisionReason'), key: 'decision', render: (_, r) => r.decisionReason ?? '' },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) =>
                r.status === 'pending' && may(REQUEST_DECIDE_PERMISSION[r.kind]) ? (
                  <Button size="small" onClick={() => decide.open({}, r)} aria-label={`${t('wo.action.decide')} ${t(`wo.request.kind.${r.kind}`)} #${r.id}`}>
                    {t('wo.action.decide')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Section>

      <AttachmentsCard workOrderId={id} attachments={attachments} canUpload={may('workorder.attach')} onUploaded={detail.reload} onDownload={download} title={h2(t('wo.section.attachments'))} sizeText={(n) => fileSize(n, locale)} />

      {(PUBLIC_REPLY_STATES.includes(order.state) || order.publicReply) && (
        <PublicReplyCard order={order} canEdit={may('workorder.handle') && PUBLIC_REPLY_STATES.includes(order.state)} onSaved={(text) => done(text)} title={h2(t('wo.section.publicReply'))} />
      )}

      <Section title={t('wo.section.timeline')}>
        <OrderTimeline events={detail.data?.events ?? []} attachments={attachments} onDownload={download} />
      </Section>

      <StepDialog dialog={step.props} action={step.context?.action ?? 'assign'} files={files} />
      <RevisitDialog dialog={revisit.props} id={id} policy={policy} maxReviews={maxReviews} />
      <RequestDialog
        dialog={request.props}
        kind={request.context?.kind ?? 'appeal'}
        files={files}
        maxExtensionDays={policy?.workOrder.maxExtensionWorkingDays ?? 2}
        appealWindowEnd={order.appealWindowEnd}
        appealDecisionDays={policy?.workOrder.appealDecisionWorkingDays ?? 5}
      />
      <ReassignDialog dialog={moveTo.props} id={id} files={files} />
      <DecisionDialog dialog={decide.props} request={decide.context} files={files} />
    </div>
  );
}

/** The case and the rating: the original (superseded or excluded) and the latest one a revisit recorded. */
function RatingDescriptions({ order, rating, latest, tagName }: { order: WorkOrder; rating: ReturnType<typeof useRating>['data']; latest: ReturnType<typeof useRating>['data']; tagName: (code: string) => string }) {
  const { t, locale } = useI18n();
  const s = order.summary;
  return (
    <Descriptions
      column={{ xs: 1, md: 2 }}
      size="small"
      items={[
        { key: 'case', label: t('wo.case'), children: s?.caseNo ?? rating?.caseNo ?? '' },
        { key: 'item', label: t('wo.item'), children: s?.itemName ?? rating?.itemName ?? '' },
        { key: 'unit', label: t('wo.unit'), children: s?.unitName ?? `#${order.unitId}` },
        { key: 'staff', label: t('wo.staff'), children: s?.staffName ?? t('wo.none') },
        {
          key: 'rating',
          label: order.revisitEvaluationId ? t('wo.original') : t('wo.rating'),
          children: (
            <Space size={4} wrap>
              <RatingTags summary={s} />
              {order.revisitEvaluationId && <Tag>{t('wo.superseded')}</Tag>}
            </Space>
          ),
        },
        { key: 'channel', label: t('wo.channel'), children: rating ? channelName(rating.channel, locale) : '' },
        { key: 'tags', label: t('wo.ratingTags'), children: rating?.tags.length ? rating.tags.map(tagName).join('、') : t('wo.none') },
        { key: 'text', label: t('wo.ratingText'), children: rating?.text ?? t('wo.none') },
        { key: 'at', label: t('wo.submittedAt'), children: rating ? formatInstant(rating.submittedAt, locale) : '' },
        ...(order.revisitEvaluationId
          ? [
              {
                key: 'latest',
                label: t('wo.latest'),
                children: latest ? (
                  <Space size={4} wrap>
                    <Tag color={latest.level >= 4 ? 'green' : 'default'}>
                      {latest.level} {latest.levelLabel ?? levelName(latest.level, locale)}
                    </Tag>
                    <span>
                      {channelName(latest.channel, locale)} · {formatInstant(latest.submittedAt, locale)}
                    </span>
                    {latest.tags.length > 0 && <span>{latest.tags.map(tagName).join('、')}</span>}
                    {order.revisitMistaken && <Tag>{t('wo.revisitMistaken')}</Tag>}
                  </Space>
                ) : (
                  ''
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
