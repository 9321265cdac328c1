import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Container } from '../container.ts';
import { AppError } from '../errors.ts';
import { routes } from '../routes/index.ts';
import { installErrorHandler } from './error-handler.ts';
import { installMetrics } from './metrics.ts';
import { installAuthentication } from './request-context.ts';
import { validatorCompiler } from './validation.ts';

export interface AppOptions {
  container: Container;
  logger?: FastifyBaseLogger | boolean;
  /** Built web app to serve at /, when present. */
  webDistDir?: string;
  /** Whether migrations are done; /healthz answers 503 until then. */
  ready?: () => boolean;
  secureCookies?: boolean;
  smsWebhookToken?: string;
  /** Take client addresses from X-Forwarded-For (only behind a trusted reverse proxy). */
  trustProxy?: boolean;
}

export type App = FastifyInstance;

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    ...(typeof options.logger === 'object' ? { loggerInstance: options.logger } : { logger: options.logger ?? false }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: !!options.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandler(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Haochaping 好差评 API', version: '0.1.0', description: 'Government service evaluation platform' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hcp_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'Integration API key: <keyId>.<secret>' },
          deviceToken: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Window rating device: "Device <token>" from POST /api/device/pair (or its cookie)' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installMetrics(app, options.container.db);
  installAuthentication(app, options.container);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const ready = options.ready ? options.ready() : true;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'starting' });
  });

  for (const register of routes) await app.register((scope) => register(scope, options.container, { secureCookies: !!options.secureCookies, smsWebhookToken: options.smsWebhookToken }), { prefix: '/api' });

  const web = options.webDistDir;
  if (web && fs.existsSync(path.join(web, 'index.html'))) {
    await app.register(fastifyStatic, { root: web, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const shell = request.method === 'GET' && web && !request.url.startsWith('/api/') ? webShell(web, request.url) : null;
    // Deep links load their app's page, which routes in the browser.
    if (shell) return reply.type('text/html').sendFile(shell);
    const e = new AppError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
    return reply.status(404).send(e.toJSON());
  });

  return app;
}

/**
 * The page of the web app that a path loads: the staff console's (console.html: React and Ant
 * Design) for /console and below, the public pages' (index.html: Preact) for everything else.
 */
function webShell(web: string, url: string): string | null {
  const file = /^\/console(\/|\?|$)/.test(url) ? 'console.html' : 'index.html';
  return fs.existsSync(path.join(web, file)) ? file : null;
}
