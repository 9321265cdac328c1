import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCaseWorld, type CaseWorld } from '../../../test/case-fixtures.ts';
import { at, caseCompletedAt, createInvitationTestApp, jobCtx } from '../../../test/invitation-fixtures.ts';
import { loginAs } from '../../../test/test-app.ts';

type App = Awaited<ReturnType<typeof createInvitationTestApp>>;

describe('GET /api/invitations: delivery of invitations and reminders', () => {
  let ta: App;
  let w: CaseWorld;
  let caseId: number;
  beforeAll(async () => {
    ta = await createInvitationTestApp();
    w = await seedCaseWorld(ta);
    caseId = await caseCompletedAt(ta, w, 'LST-1', at('2026-11-16T10:00:00+08:00'), '13900000401');
    await ta.c.services.invitations.invite(jobCtx, at('2026-11-16T11:00:00+08:00'));
    await ta.c.services.invitations.remind(jobCtx, at('2026-11-20T09:30:00+08:00'));
    await ta.worker.drain();
  });
  afterAll(() => ta.close());

  const get = (url: string, cookie?: string) => ta.app.inject({ url, headers: cookie ? { cookie } : {} });

  it('shows staff who may read the case both messages and their state, phones masked, never the text or link', async () => {
    const clerk = await loginAs(ta, 'lst.clerk', 'clerk', { scopeOrgId: w.mz.id });
    const res = await get(`/api/invitations?caseId=${caseId}`, clerk.cookie);
    expect(res.statusCode).toBe(200);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      caseId,
      caseNo: 'LST-1',
      status: 'invited',
      remindAt: '2026-11-20T01:00:00.000Z',
      remindedAt: '2026-11-20T01:30:00.000Z',
      invitation: { status: 'sent', phone: '139****0401', attempts: 1 },
      reminder: { status: 'sent', phone: '139****0401', attempts: 1 },
    });
    expect(res.body).not.toMatch(/13900000401|\/e\/|好差评/);
    const list = await get('/api/invitations', clerk.cookie);
    expect(list.json().items.map((i: { caseNo: string }) => i.caseNo)).toEqual(['LST-1']);
  });

  it('refuses another county, an unknown case, and anyone not logged in', async () => {
    const xq = await loginAs(ta, 'lst.xq', 'supervisor', { scopeRegionCode: '640104' });
    expect((await get(`/api/invitations?caseId=${caseId}`, xq.cookie)).json().error.code).toBe('OUT_OF_SCOPE');
    expect((await get('/api/invitations', xq.cookie)).json().items).toEqual([]);
    expect((await get('/api/invitations?caseId=999999', xq.cookie)).statusCode).toBe(404);
    expect((await get(`/api/invitations?caseId=${caseId}`)).statusCode).toBe(401);
    expect((await get('/api/invitations?caseId=abc', xq.cookie)).statusCode).toBe(400);
  });
});
