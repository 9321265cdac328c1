import { ALERT_DEADLINE_NAMES, type AlertDeadline } from '@hcp/domain';
import { Alert, Badge, Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { listNotifications, markAllRead, markRead, type Notification } from '../api/notifications.ts';

/** A bell drawn in the text colour (no icon font: the console ships none). */
function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" style={{ verticalAlign: '-3px' }}>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** How often the unread count is asked for while the console is open. */
const POLL_MS = 60_000;

/** A notification's headline in the reader's language, from its data; the server's own title otherwise. */
function headline(n: Notification, t: ReturnType<typeof useI18n>['t'], locale: string): string {
  const d = n.data as { workOrderId?: number; deadline?: AlertDeadline; lastDay?: string };
  const key = `notify.${n.kind}` as MessageKey;
  if (d.workOrderId !== undefined && d.deadline && ALERT_DEADLINE_NAMES[d.deadline] && t(key) !== key) {
    const what = locale === 'zh-CN' ? ALERT_DEADLINE_NAMES[d.deadline].zh : ALERT_DEADLINE_NAMES[d.deadline].en;
    return t(key, { id: d.workOrderId, what, day: d.lastDay ?? '' });
  }
  return n.title;
}

/**
 * The bell in the console's header: the unread count of the user's own notifications (预警, 红牌, 督办),
 * and a panel that lists them, opens the work order of one (marking it read) and marks read.
 */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(
    async (withList: boolean, signal?: AbortSignal) => {
      try {
        const page = await listNotifications({ limit: withList ? 50 : 1 }, signal);
        setUnread(page.unread);
        if (withList) setItems(page.items);
        setError(null);
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        if (withList) setError(errorMessage(e, t));
      }
    },
    [t],
  );

  useEffect(() => {
    const controller = new AbortController();
    void refresh(false, controller.signal);
    const timer = setInterval(() => void refresh(false), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [refresh]);

  const read = async (n: Notification) => {
    if (n.readAt) return;
    try {
      const r = await markRead(n.id);
      setUnread(r.unread);
      setItems((list) => list?.map((x) => (x.id === n.id ? r.notification : x)) ?? null);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  const readAll = async () => {
    try {
      await markAllRead();
      await refresh(true);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  const label = unread > 0 ? t('notify.bellUnread', { n: unread }) : t('notify.bell');
  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={open}
          onClick={() => {
            setOpen(true);
            void refresh(true);
          }}
        >
          <BellIcon />
        </Button>
      </Badge>
      <Drawer
        title={t('notify.title')}
        open={open}
        onClose={() => setOpen(false)}
        size={420}
        closable={{ 'aria-label': t('common.close') }}
        extra={
          <Button size="small" disabled={unread === 0} onClick={() => void readAll()}>
            {t('notify.markAllRead')}
          </Button>
        }
      >
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <List<Notification>
          aria-label={t('notify.title')}
          loading={items === null && !error}
          dataSource={items ?? []}
          locale={{ emptyText: t('notify.none') }}
          renderItem={(n) => {
            const orderId = n.targetType === 'work_order' && n.targetId ? Number(n.targetId) : null;
            return (
              <List.Item
                style={{ display: 'block', background: n.readAt ? undefined : '#f0f5ff', paddingInline: 8 }}
                aria-label={headline(n, t, locale)}
              >
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space size={6} wrap>
                    {!n.readAt && <Tag color="blue">{t('notify.unread')}</Tag>}
                    <Typography.Text strong>{headline(n, t, locale)}</Typography.Text>
                  </Space>
                  {locale === 'zh-CN' && n.body && <Typography.Text>{n.body}</Typography.Text>}
                  <Typography.Text type="secondary">
                    <time dateTime={n.createdAt}>{formatInstant(n.createdAt, locale)}</time>
                  </Typography.Text>
                  <Space size={8} wrap>
                    {orderId !== null && (
                      <Link
                        to={`/console/work-orders/${orderId}`}
                        onClick={() => {
                          void read(n);
                          setOpen(false);
                        }}
                      >
                        {t('notify.openOrder', { id: orderId })}
                      </Link>
                    )}
                    {!n.readAt && (
                      <Button size="small" onClick={() => void read(n)}>
                        {t('notify.markRead')}
                      </Button>
                    )}
                  </Space>
                </Space>
              </List.Item>
            );
          }}
        />
      </Drawer>
    </>
  );
}
