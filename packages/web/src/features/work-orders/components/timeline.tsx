import { Button, Space, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import type { Attachment, WorkOrderEvent } from '../api/types.ts';
import { eventName } from '../text.ts';
import { OVERDUE_RED } from './tags.tsx';

const COLOR: Record<string, string> = {
  open: 'red',
  warning: 'orange',
  red_card: 'red',
  escalation: 'red',
  revisit_satisfied: 'green',
  revisit_unsatisfied: 'orange',
  appeal_upheld: 'gray',
};

/** Who took a step: the staff account's name, the system, or the evaluator online. */
function actor(e: WorkOrderEvent, t: ReturnType<typeof useI18n>['t']): string {
  if (e.actorKind === 'system' || (e.actorKind !== 'evaluator' && e.actorUserId === null)) return t('wo.actor.system');
  if (e.actorKind === 'evaluator') return t('wo.actor.evaluator');
  return e.actorName ?? t('wo.actor.user', { id: e.actorUserId ?? '' });
}

/** The order's steps, oldest first: what, who, when, the text and the attachments it refers to (downloadable). */
export function OrderTimeline({ events, attachments, onDownload }: { events: readonly WorkOrderEvent[]; attachments: readonly Attachment[]; onDownload: (a: Attachment) => void }) {
  const { t, locale } = useI18n();
  const byId = new Map(attachments.map((a) => [a.id, a]));
  return (
    <Timeline
      items={events.map((e, i) => {
        const excludedAs = typeof e.detail?.excludedAs === 'string' ? (e.detail.excludedAs as 'mistaken' | 'malicious') : null;
        const files = e.attachmentIds.map((id) => byId.get(id)).filter((a): a is Attachment => !!a);
        return {
          key: `${i}-${e.at}`,
          color: COLOR[e.action] ?? 'blue',
          title: (
            <Space size={6} wrap>
              <Typography.Text strong style={e.action === 'red_card' || e.action === 'escalation' ? { color: OVERDUE_RED } : undefined}>
                {eventName(e.action, t)}
              </Typography.Text>
              {excludedAs && <Tag>{t('wo.excluded', { kind: t(`wo.excluded.${excludedAs}`) })}</Tag>}
            </Space>
          ),
          content: (
            <div data-testid="timeline-step">
              <Typography.Text type="secondary">
                {actor(e, t)} · <time dateTime={e.at}>{formatInstant(e.at, locale)}</time>
              </Typography.Text>
              {e.text && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{e.text}</Typography.Paragraph>}
              {files.length > 0 && (
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  {files.map((a) => (
                    <Button key={a.id} size="small" type="link" onClick={() => onDownload(a)} aria-label={t('wo.attach.download', { name: a.filename })}>
                      {a.filename}
                    </Button>
                  ))}
                </Space>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
