import { Type } from '@fastify/type-provider-typebox';
import type { Notification } from '../../db/schema.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { errors, IdParam, Nullable, Paging } from '../shared/schemas.ts';

const NotificationView = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'e.g. workorder.warning 预警, workorder.red_card 红牌, workorder.escalation 红牌督办' }),
  title: Type.String(),
  body: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'ids, codes and dates to show it in the reader’s language; never personal data' }),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});

const view = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  targetType: n.target_type,
  targetId: n.target_id,
  data: n.data,
  createdAt: n.created_at.toISOString(),
  readAt: n.read_at?.toISOString() ?? null,
});

/** In-app notifications (站内通知) of the logged-in account: its own only, whatever its role. */
export const notificationRoutes: RouteModule = (app, c) => {
  const tags = ['notifications'];

  app.get('/notifications', {
    schema: {
      tags,
      summary: 'Your notifications, newest first, with how many are unread',
      querystring: Type.Object({ unread: Type.Optional(Type.Boolean({ description: 'only the unread ones' })), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(NotificationView), unread: Type.Integer() }), ...errors },
    },
  }, async (request) => {
    const r = await c.services.notifications.list(staffCtx(request), request.query);
    return { items: r.items.map(view), unread: r.unread };
  });

  app.post('/notifications/:id/read', {
    schema: {
      tags,
      summary: 'Marks one of your notifications read (again: no change); another account’s is 404',
      params: IdParam,
      response: { 200: Type.Object({ notification: NotificationView, unread: Type.Integer() }), ...errors },
    },
  }, async (request) => {
    const r = await c.services.notifications.markRead(staffCtx(request), request.params.id);
    return { notification: view(r.notification), unread: r.unread };
  });

  app.post('/notifications/read-all', {
    schema: {
      tags,
      summary: 'Marks all your notifications read',
      response: { 200: Type.Object({ marked: Type.Integer(), unread: Type.Integer() }), ...errors },
    },
  }, async (request) => c.services.notifications.markAllRead(staffCtx(request)));
};
