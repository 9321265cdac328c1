import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, PASSWORD, seedRegions, system, type TestApp } from '../../../test/test-app.ts';

describe('staff login, sessions and lockout', () => {
  let ta: TestApp;
  beforeAll(async () => {
    ta = await createTestApp();
    await seedRegions(ta);
  });
  afterAll(() => ta.close());

  it('logs in, sets an httpOnly SameSite cookie, and knows who you are', async () => {
    await ta.c.services.auth.createUser(system, { username: 'li.wei', displayName: '李伟', password: PASSWORD, role: 'supervisor', scopeRegionCode: '640181000000' });
    const res = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'li.wei', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'hcp_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await ta.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `hcp_session=${cookie.value}` } });
    expect(me.json().user).toMatchObject({ username: 'li.wei', role: 'supervisor', scopeRegionCode: '640181000000' });
    const out = await ta.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `hcp_session=${cookie.value}` } });
    expect(out.statusCode).toBe(200);
    const after = await ta.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `hcp_session=${cookie.value}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    await ta.c.services.auth.createUser(system, { username: 'wang.fang', displayName: '王芳', password: PASSWORD, role: 'clerk', scopeRegionCode: '640181000000' });
    const bad = () => ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang.fang', password: 'wrong-password-1' } });
    expect((await bad()).json().error.code).toBe('LOGIN_FAILED');
    expect((await bad()).json().error.code).toBe('LOGIN_FAILED');
    const third = await bad();
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang.fang', password: PASSWORD } });
    expect(right.statusCode).toBe(423);
    const audit = await ta.c.repos.audit.list({ limit: 10, action: 'auth.locked' });
    expect(audit).toHaveLength(1);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'whatever-123' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'LOGIN_FAILED', message: 'wrong username or password' });
  });

  it('only a system administrator manages users, and every non-admin role needs a scope', async () => {
    const admin = await loginAs(ta, 'root2', 'sysadmin');
    const sup = await loginAs(ta, 'sup1', 'supervisor', { scopeRegionCode: '640181000000' });
    const body = { username: 'new.clerk', displayName: '新人', password: PASSWORD, role: 'clerk' };
    const denied = await ta.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: sup.cookie }, payload: { ...body, scopeRegionCode: '640181' } });
    expect(denied.statusCode).toBe(403);
    const noScope = await ta.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: body });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().error.field).toBe('scopeRegionCode');
    const weak = await ta.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: { ...body, password: 'short', scopeRegionCode: '640181' } });
    expect(weak.json().error.field).toBe('password');
    const ok = await ta.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: { ...body, scopeRegionCode: '640181' } });
    expect(ok.statusCode).toBe(201);
    const dup = await ta.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: { ...body, scopeRegionCode: '640181' } });
    expect(dup.statusCode).toBe(409);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const admin = await loginAs(ta, 'root3', 'sysadmin');
    const clerk = await loginAs(ta, 'clerk9', 'clerk', { scopeRegionCode: '640181000000' });
    const res = await ta.app.inject({ method: 'PATCH', url: `/api/users/${clerk.userId}`, headers: { cookie: admin.cookie }, payload: { active: false } });
    expect(res.statusCode).toBe(200);
    const me = await ta.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: clerk.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('bootstraps one admin on first start only', async () => {
    const first = await ta.c.services.auth.bootstrapAdmin(undefined);
    expect(first.created).toBe(false);
  });
});
