import { Type } from '@fastify/type-provider-typebox';
import { ROLES } from '@hcp/domain';
import type { RouteModule } from '../index.ts';
import { SESSION_COOKIE, staffCtx } from '../../http/request-context.ts';
import { IdParam, Nullable, Ok, Paging, RegionCode, StringEnum, errors } from '../shared/schemas.ts';

const Role = StringEnum(ROLES);

const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  scopeRegionCode: Nullable(Type.String()),
  scopeOrgId: Nullable(Type.Integer()),
  staffId: Nullable(Type.Integer()),
  active: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
});

const toView = (u: {
  id: number; username: string; display_name: string; role: (typeof ROLES)[number]; scope_region_code: string | null; scope_org_id: number | null;
  staff_id: number | null; active: boolean; locked_until: Date | null; last_login_at: Date | null;
}) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  scopeRegionCode: u.scope_region_code,
  scopeOrgId: u.scope_org_id,
  staffId: u.staff_id,
  active: u.active,
  lockedUntil: u.locked_until?.toISOString() ?? null,
  lastLoginAt: u.last_login_at?.toISOString() ?? null,
});

/** Login sessions and user accounts. */
export const authRoutes: RouteModule = (app, c, options) => {
  const tags = ['auth'];

  app.post('/auth/login', {
    schema: {
      tags,
      summary: 'Log in with username and password; sets the session cookie',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ user: UserView, expiresAt: Type.String() }), ...errors, 423: errors[401] },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const session = await c.services.auth.login(username, password, { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null, requestId: request.id });
    reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, path: '/', expires: session.expiresAt });
    const resolved = await c.services.auth.resolveSession(session.token);
    const user = await c.services.auth.me({ actor: resolved!.actor, requestId: request.id });
    return { user: toView(user), expiresAt: session.expiresAt.toISOString() };
  });

  app.post('/auth/logout', { schema: { tags, summary: 'End the session' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await c.services.auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { schema: { tags, summary: 'The logged-in user', response: { 200: Type.Object({ user: UserView }), ...errors } } }, async (request) => {
    return { user: toView(await c.services.auth.me(staffCtx(request))) };
  });

  app.post('/auth/password', {
    schema: {
      tags,
      summary: 'Change your own password',
      body: Type.Object({ currentPassword: Type.String({ maxLength: 200 }), newPassword: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Ok, ...errors },
    },
  }, async (request) => {
    await c.services.auth.changeOwnPassword(staffCtx(request), request.body.currentPassword, request.body.newPassword);
    return { ok: true };
  });

  const UserBody = Type.Object({
    username: Type.String({ minLength: 3, maxLength: 64 }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    role: Role,
    scopeRegionCode: Type.Optional(Nullable(RegionCode)),
    scopeOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    staffId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  }, { additionalProperties: false });

  app.get('/users', {
    schema: { tags: ['users'], summary: 'Users in your data scope', querystring: Type.Object({ role: Type.Optional(Role), ...Paging }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(UserView) }), ...errors } },
  }, async (request) => {
    const rows = await c.services.auth.listUsers(staffCtx(request), request.query);
    return { items: rows.map(toView) };
  });

  app.post('/users', { schema: { tags: ['users'], summary: 'Create a user with a role and data scope', body: UserBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors } } }, async (request, reply) => {
    const id = await c.services.auth.createUser(staffCtx(request), request.body);
    return reply.status(201).send({ id });
  });

  app.patch('/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'Change a user: role, scope, active, password reset, unlock',
      params: IdParam,
      body: Type.Object({
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        role: Type.Optional(Role),
        scopeRegionCode: Type.Optional(Nullable(RegionCode)),
        scopeOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
        active: Type.Optional(Type.Boolean()),
        password: Type.Optional(Type.String({ maxLength: 200 })),
        unlock: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Ok, ...errors },
    },
  }, async (request) => {
    await c.services.auth.updateUser(staffCtx(request), request.params.id, request.body);
    return { ok: true };
  });
};
