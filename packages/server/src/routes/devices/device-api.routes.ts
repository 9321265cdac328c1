import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../container.ts';
import { AppError } from '../../errors.ts';
import type { DeviceStream } from '../../services/device-hub.ts';
import { deviceTokenHash } from '../../services/device.service.ts';
import type { RouteModule } from '../index.ts';
import { Ok, errors } from '../shared/schemas.ts';
import { DeviceSubmission, IdleStateView } from './device.schemas.ts';

export const DEVICE_COOKIE = 'hcp_device';
const security = [{ deviceToken: [] }];
const YEAR_SECONDS = 400 * 24 * 3600;

/** The device behind `Authorization: Device <token>` or the device cookie; 401 for anything else. */
async function deviceOf(request: FastifyRequest, c: Container) {
  const header = request.headers.authorization;
  const token = header?.startsWith('Device ') ? header.slice(7).trim() : request.cookies[DEVICE_COOKIE];
  if (!token) throw new AppError('UNAUTHENTICATED', 'a device token is required (Authorization: Device <token>)');
  const device = await c.services.devices.authenticate(token);
  if (!device) throw new AppError('UNAUTHENTICATED', 'unknown, unpaired or switched-off device: pair it again');
  return { device, token };
}

/**
 * The API of the window rating device (评价器) itself. It has no staff login: it pairs once with a
 * code, then sends its token. It never learns anything about a case beyond what the evaluator in
 * front of it needs to recognise it.
 */
export const deviceApiRoutes: RouteModule = (app, c, options) => {
  const tags = ['device'];

  // Open event streams would keep the server from closing; end them first, the devices reconnect.
  app.addHook('preClose', async () => c.services.deviceHub.closeAll());

  app.post('/device/pair', {
    schema: {
      tags,
      summary: 'Pair this tablet with the one-time code from the administrator; answers the device token (also set as a cookie)',
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ deviceToken: Type.String(), device: Type.Object({ id: Type.Integer(), name: Type.String() }), window: Type.Object({ id: Type.Integer(), name: Type.String(), hall: Type.Union([Type.String(), Type.Null()]) }) }), ...errors, 410: errors[404] },
    },
  }, async (request, reply) => {
    const { token, device } = await c.services.devices.pair(request.body.code, request.id, request.ip);
    reply.setCookie(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/api/device', maxAge: YEAR_SECONDS });
    return { deviceToken: token, device: { id: device.id, name: device.name }, window: { id: device.window_id, name: device.window_name, hall: device.hall_name } };
  });

  app.get('/device/state', {
    schema: { tags, security, summary: 'What the idle screen shows: the window and the staff on duty there', response: { 200: IdleStateView, ...errors } },
  }, async (request) => c.services.devices.idleState((await deviceOf(request, c)).device.id));

  app.get('/device/events', {
    schema: {
      tags,
      security,
      summary: 'Server-sent events: `idle` (data as GET /device/state) on connect and after each rating request ends, `evaluate` when a rating request arrives, `unpaired` when the token is revoked; a comment line every 15 s',
      produces: ['text/event-stream'],
    },
  }, async (request, reply) => {
    const { device, token } = await deviceOf(request, c);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies (nginx) must pass each event on at once rather than buffer the stream.
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    raw.write('retry: 3000\n\n');
    let open = true;
    let unsubscribe: (() => void) | undefined;
    const stream: DeviceStream = {
      deviceId: device.id,
      tokenHash: deviceTokenHash(token),
      send: (event, data) => void (open && raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
      ping: () => void (open && raw.write(`: heartbeat ${new Date().toISOString()}\n\n`)),
      close: () => {
        if (!open) return;
        open = false;
        raw.end();
      },
    };
    raw.on('close', () => {
      open = false;
      unsubscribe?.();
    });
    try {
      unsubscribe = await c.services.deviceHub.subscribe(stream);
      if (!open) unsubscribe();
    } catch (e) {
      request.log.error({ err: e }, 'device event stream failed to start');
      stream.close();
    }
  });

  app.post('/device/requests/:id/evaluation', {
    schema: {
      tags,
      security,
      summary: 'The evaluator’s rating for a request shown on this device; the answer is only {ok:true}',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false }),
      body: DeviceSubmission,
      response: { 200: Ok, ...errors, 410: errors[404] },
    },
  }, async (request) => {
    const { device } = await deviceOf(request, c);
    await c.services.deviceRequests.submit(device, request.params.id, request.body, request.id);
    return { ok: true };
  });
};
