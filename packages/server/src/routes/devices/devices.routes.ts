import { Type } from '@fastify/type-provider-typebox';
import { integrationCtx, staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { CaseNo } from '../cases/case.schemas.ts';
import { IdParam, Paging, errors } from '../shared/schemas.ts';
import { DeviceView, InviteResponse, PairingCodeResponse, RequestProgressView, VisitNo, WindowId, deviceView, progressView } from './device.schemas.ts';

const security = [{ apiKey: [] }];
const RequestIdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

/**
 * Window rating devices (评价器) for staff: administrators register and pair them; clerks and
 * approval systems ask the device at a window to show the rating screen, and learn only whether the
 * evaluator finished.
 */
export const deviceRoutes: RouteModule = (app, c) => {
  const tags = ['devices'];
  const pairing = (r: Awaited<ReturnType<typeof c.services.devices.create>>) => ({ device: deviceView(r.device), pairingCode: r.pairingCode, pairingExpiresAt: r.pairingExpiresAt.toISOString() });

  app.post('/devices', {
    schema: {
      tags,
      summary: 'Register the rating device of a window; answers its one-time pairing code',
      body: Type.Object({ windowId: WindowId, name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      response: { 201: PairingCodeResponse, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(pairing(await c.services.devices.create(staffCtx(request), request.body))));

  app.get('/devices', {
    schema: {
      tags,
      summary: 'Rating devices of the windows in your data scope, with pairing state and last contact',
      querystring: Type.Object({ windowId: Type.Optional(WindowId), ...Paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(DeviceView) }), ...errors },
    },
  }, async (request) => ({ items: (await c.services.devices.list(staffCtx(request), request.query)).map((d) => deviceView(d)) }));

  app.post('/devices/:id/pairing-code', {
    schema: { tags, summary: 'A new one-time pairing code; the tablet paired so far is unpaired', params: IdParam, response: { 200: PairingCodeResponse, ...errors } },
  }, async (request) => pairing(await c.services.devices.newPairingCode(staffCtx(request), request.params.id)));

  app.patch('/devices/:id', {
    schema: {
      tags,
      summary: 'Rename a device or switch it off (its open request is withdrawn) or on',
      params: IdParam,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: DeviceView, ...errors },
    },
  }, async (request) => deviceView(await c.services.devices.update(staffCtx(request), request.params.id, request.body)));

  app.post('/devices/evaluate', {
    schema: {
      tags,
      summary: 'Ask the device at a window to show the rating screen for a case (cancels a request still open there)',
      body: Type.Object({ caseId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), windowId: WindowId, visitNo: Type.Optional(VisitNo) }, { additionalProperties: false }),
      response: { 201: InviteResponse, ...errors },
    },
  }, async (request, reply) => {
    const r = await c.services.deviceRequests.invite(staffCtx(request), request.body);
    return reply.status(201).send({ ...r, expiresAt: r.expiresAt.toISOString() });
  });

  app.get('/devices/requests/:id', {
    schema: { tags, summary: 'Whether the evaluator finished; never how they rated', params: RequestIdParam, response: { 200: RequestProgressView, ...errors } },
  }, async (request) => progressView(await c.services.deviceRequests.progress(staffCtx(request), request.params.id)));

  const itags = ['integration'];
  app.post('/integration/devices/evaluate', {
    schema: {
      tags: itags,
      security,
      summary: 'Ask the device at a window to show the rating screen for a case of one of your units',
      body: Type.Object({ caseNo: CaseNo, windowId: WindowId, visitNo: Type.Optional(VisitNo) }, { additionalProperties: false }),
      response: { 201: InviteResponse, ...errors },
    },
  }, async (request, reply) => {
    const r = await c.services.deviceRequests.invite(integrationCtx(request), request.body);
    return reply.status(201).send({ ...r, expiresAt: r.expiresAt.toISOString() });
  });

  app.get('/integration/devices/requests/:id', {
    schema: { tags: itags, security, summary: 'Whether the evaluator finished; never how they rated', params: RequestIdParam, response: { 200: RequestProgressView, ...errors } },
  }, async (request) => progressView(await c.services.deviceRequests.progress(integrationCtx(request), request.params.id)));
};
