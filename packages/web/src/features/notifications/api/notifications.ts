import { apiRequest } from '@/lib/api-client.ts';

/** An in-app notification (站内通知) of the logged-in account (NotificationView in routes/notifications). */
export interface Notification {
  id: number;
  /** workorder.warning 预警, workorder.red_card 红牌, workorder.escalation 红牌督办, … */
  kind: string;
  title: string;
  body: string;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  unread: number;
}

/** GET /api/notifications: your own, newest first, with the unread count. */
export function listNotifications(q: { unread?: boolean; limit: number; offset?: number }, signal?: AbortSignal): Promise<NotificationPage> {
  return apiRequest('/notifications', { query: { ...q }, ...(signal ? { signal } : {}) });
}

/** POST /api/notifications/:id/read. */
export function markRead(id: number): Promise<{ notification: Notification; unread: number }> {
  return apiRequest(`/notifications/${id}/read`, { method: 'POST' });
}

/** POST /api/notifications/read-all. */
export function markAllRead(): Promise<{ marked: number; unread: number }> {
  return apiRequest('/notifications/read-all', { method: 'POST' });
}
