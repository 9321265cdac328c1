import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import { evaluatorCtx } from '../../services/actor.ts';
import type { RouteModule } from '../index.ts';
import { errors, IdParam, Nullable, StringEnum } from '../shared/schemas.ts';

const WindowKey = Type.Object({ key: Type.String({ pattern: '^[A-Za-z0-9_-]{6,24}$', description: 'the public key in the window’s QR URL /q/<key>' }) }, { additionalProperties: false });
const Phone = Type.String({ minLength: 5, maxLength: 20, pattern: '^[0-9+ -]+$', description: 'the mobile number used when applying' });
const publicErrors = { ...errors, 410: errors[404], 429: errors[400] };

/**
 * Public channels that end in an evaluation session (no login): the signed link of a service portal
 * (PC / mobile) and a window's QR code with its two ways to identify the case. Plus, for staff, the
 * QR link of a window to print.
 */
export const publicChannelRoutes: RouteModule = (app, c) => {
  const tags = ['public evaluation'];

  app.post('/public/signed-links', {
    schema: {
      tags,
      summary: 'Open a session from a service portal’s signed link (/e/s?k&c&x&p&ch&sig); each link works once',
      description: 'sig = hex HMAC-SHA256 of "k|c|x|p|ch" under the integration’s secret (docs/integration/signed-links.md). A bad signature, an unknown key or a case outside the key’s units answers 410 TOKEN_INVALID with reason forged; an old link expired; a link valid too far ahead expiry_too_far; a second use used.',
      body: Type.Object({
        k: Type.String({ minLength: 1, maxLength: 64, description: 'the integration’s key id (hk_…)' }),
        c: Type.String({ minLength: 1, maxLength: 50, description: 'case number' }),
        x: Type.Integer({ minimum: 0, maximum: 2 ** 40, description: 'expiry, epoch seconds' }),
        p: Type.Optional(Type.String({ maxLength: 64, description: 'platform code' })),
        ch: StringEnum(['pc', 'mobile'] as const),
        sig: Type.String({ minLength: 1, maxLength: 200 }),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ token: Type.String(), expiresAt: Type.String() }), ...publicErrors },
    },
  }, async (request, reply) => {
    const b = request.body;
    const r = await c.services.signedLinks.open(evaluatorCtx(b.ch, request.id), { ...b, p: b.p || null });
    return reply.status(201).send({ token: r.token, expiresAt: r.expiresAt.toISOString() });
  });

  app.get('/public/windows/:key', {
    schema: {
      tags,
      summary: 'The window behind a QR code: its name, hall and the units serving there',
      params: WindowKey,
      response: {
        200: Type.Object({ name: Type.String(), hallName: Nullable(Type.String()), regionName: Nullable(Type.String()), units: Type.Array(Type.String()), otpValidMinutes: Type.Integer(), lookbackDays: Type.Integer() }),
        ...publicErrors,
      },
    },
  }, async (request) => c.services.windowQr.describe(request.params.key));

  app.post('/public/windows/:key/otp', {
    schema: {
      tags,
      summary: 'Ask for an SMS one-time code for the phone used when applying; the answer is the same whether or not a code was sent',
      params: WindowKey,
      body: Type.Object({ phone: Phone }, { additionalProperties: false }),
      response: { 200: Type.Object({ ok: Type.Boolean(), validMinutes: Type.Integer() }), ...publicErrors },
    },
  }, async (request) => {
    const r = await c.services.windowQr.requestCode(evaluatorCtx('qr_code', request.id), request.params.key, request.body.phone, request.ip);
    return { ok: true, validMinutes: r.validMinutes };
  });

  const Identified = Type.Object({ caseNo: Type.String(), itemName: Type.String(), completedAt: Nullable(Type.String()), token: Type.String() });

  app.post('/public/windows/:key/identify', {
    schema: {
      tags,
      summary: 'Phone + one-time code → the cases of that phone at this window that can still be rated, each with a session token',
      description: 'A wrong code answers 410 TOKEN_INVALID with reason wrong; after the policy’s number of tries, locked; an old code expired; none waiting unknown.',
      params: WindowKey,
      body: Type.Object({ phone: Phone, code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Identified) }), ...publicErrors },
    },
  }, async (request) => {
    const items = await c.services.windowQr.identifyByCode(evaluatorCtx('qr_code', request.id), request.params.key, request.body.phone, request.body.code, request.ip);
    return { items: items.map((i) => ({ ...i, completedAt: i.completedAt?.toISOString() ?? null })) };
  });

  app.post('/public/windows/:key/identify-case', {
    schema: {
      tags,
      summary: 'Case number + applicant name → a session token for that case (404 alike for an unknown number and a wrong name)',
      params: WindowKey,
      body: Type.Object({ caseNo: Type.String({ minLength: 1, maxLength: 50 }), name: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false }),
      response: { 200: Identified, ...publicErrors },
    },
  }, async (request) => {
    const r = await c.services.windowQr.identifyByCase(evaluatorCtx('qr_code', request.id), request.params.key, request.body.caseNo, request.body.name, request.ip);
    return { ...r, completedAt: r.completedAt?.toISOString() ?? null };
  });

  app.get('/organisations/:id/public-link', {
    schema: {
      tags: ['organisations'],
      summary: 'The QR code link of a window, to print at the window',
      params: IdParam,
      response: { 200: Type.Object({ windowId: Type.Integer(), publicKey: Type.String(), url: Type.String() }), ...errors },
    },
  }, async (request) => c.services.windowQr.publicLink(staffCtx(request), request.params.id));
};
