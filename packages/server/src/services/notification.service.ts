import type { AlertRecipient } from '@hcp/domain';
import { notFound } from '../errors.ts';
import type { Executor } from '../repositories/audit.repository.ts';
import type { NotificationRepository } from '../repositories/notification.repository.ts';
import { requireUser, type Ctx } from './actor.ts';

/** One notification as its cause writes it, for every recipient alike. */
export interface NewNotification {
  kind: string;
  title: string;
  body: string;
  targetType?: string | null;
  targetId?: string | number | null;
  /** What the console needs to show it in the reader's language (ids, codes, dates; never personal data). */
  data?: Record<string, unknown>;
  /** Makes the notification once per recipient however often its cause is replayed. */
  dedupeKey: string;
  at: Date;
}

/**
 * In-app notifications (站内通知) for staff. A cause writes them with `notify` inside its own
 * transaction, so a notification exists exactly when what it tells of does; each account reads and
 * marks only its own. Reading and marking read are not audited: they change nothing but the reader's
 * own unread count.
 */
export class NotificationService {
  constructor(
    private readonly repo: NotificationRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The accounts alerts may go to, with their scope, for alertRecipients() in the domain. */
  directory(): Promise<AlertRecipient[]> {
    return this.repo.alertDirectory();
  }

  /** Writes one notification per user inside the caller's transaction; returns how many were new. */
  notify(trx: Executor, userIds: readonly number[], n: NewNotification): Promise<number> {
    const rows = [...new Set(userIds)].map((userId) => ({
      user_id: userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      target_type: n.targetType ?? null,
      target_id: n.targetId === undefined || n.targetId === null ? null : String(n.targetId),
      data: JSON.stringify(n.data ?? {}),
      dedupe_key: n.dedupeKey,
      created_at: n.at,
    }));
    return this.repo.insertMany(trx, rows);
  }

  async list(ctx: Ctx, f: { unread?: boolean; limit: number; offset: number }) {
    const user = requireUser(ctx);
    const items = await this.repo.list(user.userId, { unreadOnly: !!f.unread, limit: f.limit, offset: f.offset });
    return { items, unread: await this.repo.unreadCount(user.userId) };
  }

  /** Marks one of the caller's notifications read; another account's reads as not there. Repeating it changes nothing. */
  async markRead(ctx: Ctx, id: number) {
    const user = requireUser(ctx);
    const row = await this.repo.markRead(user.userId, id, this.now());
    if (!row) throw notFound('notification', 'id');
    return { notification: row, unread: await this.repo.unreadCount(user.userId) };
  }

  async markAllRead(ctx: Ctx) {
    const user = requireUser(ctx);
    const marked = await this.repo.markAllRead(user.userId, this.now());
    return { marked, unread: await this.repo.unreadCount(user.userId) };
  }
}
