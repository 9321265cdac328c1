import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, seedRegions, type TestApp } from '../../../test/test-app.ts';

describe('audit log', () => {
  let ta: TestApp;
  let auditor: string;
  beforeAll(async () => {
    ta = await createTestApp();
    await seedRegions(ta);
    auditor = (await loginAs(ta, 'auditor', 'auditor', { scopeRegionCode: '640000' })).cookie;
  });
  afterAll(() => ta.close());

  it('records every write with actor, action, target and request id', async () => {
    const admin = await loginAs(ta, 'admin', 'sysadmin');
    const res = await ta.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: admin.cookie, 'x-request-id': 'req-org-1' }, payload: { regionCode: '640181', kind: 'unit', name: '灵武市市场监督管理局', code: 'SCJG' } });
    expect(res.statusCode).toBe(201);
    const list = await ta.app.inject({ method: 'GET', url: '/api/audit?action=organisation.create', headers: { cookie: auditor } });
    expect(list.json().items[0]).toMatchObject({ actorType: 'user', actorId: `user:${admin.userId}`, action: 'organisation.create', targetType: 'organisation', targetId: String(res.json().id), requestId: 'req-org-1' });
  });

  it('cannot be changed through SQL: updates and deletes are refused by the database', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(ta.c.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(ta.c.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain and reports the first record that was tampered with', async () => {
    const ok = await ta.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie: auditor } });
    expect(ok.json().brokenAt).toBeNull();
    expect(ok.json().checked).toBeGreaterThan(3);
    // An attacker with database superuser rights disables the guard and edits one record.
    const victim = (await ta.c.repos.audit.list({ limit: 100 })).at(-3)!;
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(ta.c.db);
    await sql`update audit_log set detail = '{"forged":true}' where seq = ${victim.seq}`.execute(ta.c.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(ta.c.db);
    const broken = await ta.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie: auditor } });
    expect(broken.json()).toMatchObject({ brokenAt: victim.seq, reason: 'record content does not match its hash' });
  });

  it('is closed to roles without audit.read', async () => {
    const clerk = await loginAs(ta, 'clerk', 'clerk', { scopeRegionCode: '640181' });
    expect((await ta.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: clerk.cookie } })).statusCode).toBe(403);
    expect((await ta.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});
