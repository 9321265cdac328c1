import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Config, Role } from './config.ts';
import { createContainer, type Container } from './container.ts';
import { createDatabase, databaseOptionsFrom, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp, type App } from './http/app.ts';
import { createJobHandlers, schedules } from './jobs/handlers.ts';
import { Scheduler, Worker } from './jobs/worker.ts';
import { loadKeyring } from './security/key-store.ts';
import { PiiCipher } from './security/pii-cipher.ts';
import { HttpSmsGateway } from './sms/sms-gateway.ts';

export type Logger = pino.Logger;

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid } });
}

/** Opens the database, applies migrations and builds the services: what every command starts with. */
export async function openContainer(config: Config, logger: Logger): Promise<Container> {
  const db: Database = createDatabase(databaseOptionsFrom(config));
  const applied = await migrateToLatest(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const keys = loadKeyring(config);
  if (keys.created) logger.warn({ dir: config.dataDir }, 'created a new encryption key file (keys.json); back it up — personal data cannot be read without it');
  if (keys.source === 'file' && config.production) logger.warn('production without HCP_ENCRYPTION_KEYS: keys are read from the data directory');
  const url = config.smsGatewayUrl;
  return createContainer({
    db,
    publicBaseUrl: config.publicBaseUrl,
    ...(config.smsGateway === 'http' && url ? { smsGateway: () => new HttpSmsGateway(url, config.smsGatewayToken) } : {}),
    cipher: new PiiCipher(keys.ring),
    auth: { sessionTtlMinutes: config.sessionTtlMinutes, loginMaxFailures: config.loginMaxFailures, loginLockMinutes: config.loginLockMinutes },
  });
}

export interface Running {
  app?: App;
  stop(): Promise<void>;
}

/** Runs the chosen roles of one process: web (HTTP), worker (jobs), scheduler (recurring jobs). */
export async function serve(config: Config, roles: Role[], logger: Logger, c: Container): Promise<Running> {
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const stops: (() => Promise<void>)[] = [];
  let app: App | undefined;
  if (roles.includes('worker')) {
    const worker = new Worker({ instanceId, handlers: createJobHandlers(c, logger), jobs: c.repos.jobs, logger });
    worker.start();
    stops.push(() => worker.stop());
  }
  if (roles.includes('scheduler')) {
    const scheduler = new Scheduler({ instanceId, jobs: c.repos.jobs, schedules, logger });
    await scheduler.start();
    stops.push(() => scheduler.stop());
  }
  if (roles.includes('web')) {
    app = await buildApp({ container: c, logger, webDistDir: config.webDistDir, secureCookies: config.production, trustProxy: config.trustProxy, ...(config.smsWebhookToken ? { smsWebhookToken: config.smsWebhookToken } : {}) });
    await app.listen({ port: config.port, host: config.host });
    stops.unshift(() => app!.close());
  }
  logger.info({ roles, instanceId }, 'haochaping running');
  return {
    ...(app ? { app } : {}),
    async stop() {
      for (const s of stops) await s();
      await c.db.destroy();
    },
  };
}
