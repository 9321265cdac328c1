import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, seedRegions, type TestApp } from '../../../test/test-app.ts';

describe('notifications (站内通知) over HTTP: each account reads and marks its own', () => {
  let ta: TestApp;
  let me: { cookie: string; userId: number };
  let other: { cookie: string; userId: number };
  const ids: number[] = [];

  beforeAll(async () => {
    ta = await createTestApp();
    await seedRegions(ta);
    me = await loginAs(ta, 'n.sup', 'supervisor', { scopeRegionCode: '640181' });
    other = await loginAs(ta, 'n.other', 'supervisor', { scopeRegionCode: '640181' });
    // As a cause writes them: in its own transaction, twice with the same key (a re-run), to two accounts.
    for (const [i, key] of ['a', 'b', 'c', 'a'].entries()) {
      await ta.c.db.transaction().execute((trx) =>
        ta.c.services.notifications.notify(trx, [me.userId, other.userId], { kind: 'workorder.warning', title: `【预警】工单 #${i}`, body: '请及时办理', targetType: 'work_order', targetId: i, data: { workOrderId: i }, dedupeKey: key, at: new Date(Date.UTC(2026, 10, 20, i)) }),
      );
    }
    const rows = await ta.c.db.selectFrom('notifications').select('id').where('user_id', '=', me.userId).orderBy('id').execute();
    ids.push(...rows.map((r) => r.id));
  });
  afterAll(() => ta.close());

  const get = (cookie: string, url = '/api/notifications') => ta.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (cookie: string, url: string) => ta.app.inject({ method: 'POST', url, headers: { cookie } });

  it('lists the newest first with the unread count; a replayed cause wrote nothing twice', async () => {
    const res = await get(me.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().unread).toBe(3);
    expect(res.json().items.map((n: { title: string }) => n.title)).toEqual(['【预警】工单 #2', '【预警】工单 #1', '【预警】工单 #0']);
    expect(res.json().items[0]).toMatchObject({ kind: 'workorder.warning', targetType: 'work_order', targetId: '2', data: { workOrderId: 2 }, readAt: null });
  });

  it('marks one read (again: no change), then all; unread=true lists only the unread', async () => {
    const first = await post(me.cookie, `/api/notifications/${ids[0]}/read`);
    expect(first.statusCode).toBe(200);
    expect(first.json().unread).toBe(2);
    const readAt = first.json().notification.readAt;
    expect(readAt).not.toBeNull();
    const again = await post(me.cookie, `/api/notifications/${ids[0]}/read`);
    expect(again.json()).toMatchObject({ unread: 2, notification: { readAt } });
    expect((await get(me.cookie, '/api/notifications?unread=true')).json().items).toHaveLength(2);
    expect((await post(me.cookie, '/api/notifications/read-all')).json()).toEqual({ marked: 2, unread: 0 });
    // The other account's are untouched.
    expect((await get(other.cookie)).json().unread).toBe(3);
  });

  it('another account’s notification is 404 and stays unread; bad input is 400; no login is 401', async () => {
    const mine = (await get(other.cookie)).json().items[0].id as number;
    const res = await post(me.cookie, `/api/notifications/${mine}/read`);
    expect(res.statusCode).toBe(404);
    expect((await get(other.cookie)).json().unread).toBe(3);
    expect((await post(me.cookie, '/api/notifications/abc/read')).statusCode).toBe(400);
    expect((await get(me.cookie, '/api/notifications?limit=0')).statusCode).toBe(400);
    expect((await get(me.cookie, '/api/notifications?mine=yes')).statusCode).toBe(400);
    expect((await ta.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
