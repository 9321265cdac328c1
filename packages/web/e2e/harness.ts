/**
 * Browser-test harness: builds the web app when its build is stale, runs the real server as a child
 * process on a free port with a fresh data directory (and a fresh PostgreSQL database when
 * DATABASE_URL is set), and opens Debian's Chromium through playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { loadConfig } from '../../server/src/config.ts';
import { onServer } from '../../server/test/global-setup.ts';
import { copyMigratedDataDir, createMigratedDatabase } from '../../server/test/test-database.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const WEB_DIR = path.join(REPO_ROOT, 'packages/web');
const DIST_INDEX = path.join(WEB_DIR, 'dist/index.html');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsStale(): boolean {
  const built = fs.statSync(DIST_INDEX, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ['src', 'public', 'index.html', 'console.html', 'vite.config.ts', 'vite.public.config.ts', 'package.json'].map((p) => newestMtime(path.join(WEB_DIR, p)));
  return built < Math.max(...sources, newestMtime(path.join(REPO_ROOT, 'packages/domain/src')));
}

const BUILD_LOCK = path.join(os.tmpdir(), `hcp-web-build-${Buffer.from(REPO_ROOT).toString('hex').slice(-24)}.lock`);

/** Whether the process that took the build lock has ended without freeing it (killed, crashed). */
function buildLockAbandoned(): boolean {
  const pid = Number(fs.readFileSync(path.join(BUILD_LOCK, 'pid'), 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `fn` holding the lock on packages/web/dist, so test files in parallel workers neither build
 * at the same time nor copy a build that is being written. A build can take minutes on a slow
 * machine, so the lock is taken over only from a process that no longer runs, never for its age.
 */
async function withBuildLock<T>(fn: () => T): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      fs.writeFileSync(path.join(BUILD_LOCK, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let abandoned = false;
      try {
        abandoned = buildLockAbandoned();
      } catch {
        // The holder has not written its pid yet, or has just freed the lock.
      }
      if (abandoned) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for the web build lock ${BUILD_LOCK}`);
      await sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the web app as `npm run build -w @hcp/web` does (the console, then the public pages into
 * the same dist/) when packages/web/dist is missing or older than its sources.
 */
export async function ensureWebBuild(): Promise<void> {
  await withBuildLock(() => {
    if (!buildIsStale()) return;
    const vite = path.join(path.dirname(createRequire(path.join(WEB_DIR, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    // The public pages last: their index.html is what buildIsStale looks at.
    for (const config of ['vite.config.ts', 'vite.public.config.ts']) {
      const result = spawnSync(process.execPath, [vite, 'build', '-c', config, '--logLevel', 'warn'], { cwd: WEB_DIR, env, encoding: 'utf8', timeout: 120_000 });
      if (result.status !== 0) throw new Error(`web build (${config}) failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  });
}

/**
 * A copy of packages/web/dist for one server. A server lists the files it serves when it starts, and
 * a build (another test file's, after a source changed) empties dist/ and writes new file names: a
 * page that loaded before or during it would then miss its scripts. With its own copy it cannot.
 */
async function copyOfWebBuild(into: string): Promise<string> {
  const copy = path.join(into, 'web');
  const dist = path.join(WEB_DIR, 'dist');
  await withBuildLock(() => fs.existsSync(dist) && fs.cpSync(dist, copy, { recursive: true }));
  return copy;
}

/** A port that was free a moment ago: the server cannot be told PORT=0, so ask the OS for one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface E2eDatabase {
  /** DATABASE_URL for the server; undefined = embedded PGlite in the data directory. */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * With DATABASE_URL set, a new database hcp_e2e_<random> on that server, a copy of the test run's
 * migrated one; else PGlite (in the server's data directory).
 */
export async function createE2eDatabase(): Promise<E2eDatabase> {
  const serverUrl = loadConfig().databaseUrl;
  if (!serverUrl) return { url: undefined, drop: async () => undefined };
  const name = `hcp_e2e_${randomBytes(6).toString('hex')}`;
  await createMigratedDatabase(serverUrl, name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`) };
}

export interface RunningServer {
  baseUrl: string;
  adminPassword: string;
  /** What the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  /** Its data directory and database, to start it again on them (startServer's `again`). */
  dataDir: string;
  db: E2eDatabase;
  /** Stops the server but keeps its data directory and database, for work on them between two runs. */
  halt(): Promise<void>;
}

/** How long a server may take to start: generous, because a loaded 2-core CI machine starts slowly. */
const HEALTH_WAIT_MS = 150_000;

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_WAIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`server not healthy after ${HEALTH_WAIT_MS / 1000} s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * `hcp serve --no-demo` on a free port with a fresh data directory and database, or `again` on
 * those of a server that was halted (a restart, as after an upgrade). A fresh database is a copy of
 * the test run's migrated one, so the server starts without running every migration.
 */
export async function startServer(again?: Pick<RunningServer, 'dataDir' | 'db' | 'adminPassword'>): Promise<RunningServer> {
  const dataDir = again?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-e2e-data-'));
  const db = again?.db ?? (await createE2eDatabase());
  if (!again && !db.url) copyMigratedDataDir(path.join(dataDir, 'pglite'));
  const port = await freePort();
  const adminPassword = again?.adminPassword ?? `e2e-${randomBytes(9).toString('base64url')}`;
  const webDir = again ? path.join(dataDir, 'web') : await copyOfWebBuild(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', HCP_DATA_DIR: dataDir, HCP_WEB_DIST_DIR: webDir, HCP_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  if (db.url) env.DATABASE_URL = db.url;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'packages/server/bin/hcp.js'), 'serve', '--no-demo'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // Should the test worker end without calling stop (a timeout, a crash), the server ends with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const baseUrl = `http://127.0.0.1:${port}`;
  const halt = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };
  const stop = async () => {
    await halt();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, adminPassword, output: () => log, stop, dataDir, db, halt };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile; Chinese locale like most of our users. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The console then does not animate its dialogs (lib/reduced-motion.ts): a click lands where the control is.
    reducedMotion: 'reduce',
    viewport: { width: 1280, height: 800 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface E2e extends RunningServer {
  context: BrowserContext;
}

/** Everything a browser test needs; `stop` ends the browser, the server and the database. */
export async function startE2e(): Promise<E2e> {
  await ensureWebBuild();
  const server = await startServer();
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    ...server,
    context: browser.context,
    async stop() {
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}

/**
 * Where a README screenshot goes: docs/screenshots/<name> when UPDATE_SCREENSHOTS=1 or it is not
 * there yet, else a temporary file, so ordinary test runs leave the working tree alone.
 */
export function screenshotPath(name: string): string {
  const docs = path.join(REPO_ROOT, 'docs/screenshots', name);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(docs)) {
    fs.mkdirSync(path.dirname(docs), { recursive: true });
    return docs;
  }
  return path.join(os.tmpdir(), `hcp-e2e-${name}`);
}

/**
 * A JSON client of the running server: the administrator's session after logIn, or whatever
 * headers a call brings (an integration key as `authorization`).
 */
export function adminApi(baseUrl: string) {
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(headers.authorization ? {} : { cookie }), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return { json: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    async logIn(password: string) {
      const { headers } = await call('POST', '/auth/login', { username: 'admin', password });
      cookie = headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    },
    post: async (path: string, body?: unknown, headers?: Record<string, string>) => (await call('POST', path, body, headers)).json,
    get: async (path: string, headers?: Record<string, string>) => (await call('GET', path, undefined, headers)).json,
  };
}

/** An instant some minutes ago, for case stages that must lie in the past. */
export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** A staff account's username and password, as the browser tests create and use them. */
export interface StaffLogin {
  username: string;
  password: string;
}

/** A JSON call with a session of its own (not the browser's); answers the parsed body, undefined when empty. */
export type SessionCall = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;

/** Logs a staff account in through the API and answers calls made with that session. */
export async function staffSession(baseUrl: string, login: StaffLogin): Promise<SessionCall> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: login.username, password: login.password }) });
  if (!res.ok) throw new Error(`login of ${login.username} answered ${res.status}: ${await res.text()}`);
  const cookie = /hcp_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} → ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** What seedLingwu made: the ids of 灵武市民政局 and its window A01, and the unit's integration key. */
export interface LingwuCounty {
  unitId: number;
  windowId: number;
  apiKey: string;
}

/**
 * 灵武市 (640181, below 银川市 and 宁夏) with 灵武市民政局 (LW-MZJ), a hall with the window A01 where
 * 马晓东 (E001) works, the unit's item 最低生活保障审批 (LW-ITEM-1) and an integration key of the unit.
 */
export async function seedLingwu(admin: ReturnType<typeof adminApi>): Promise<LingwuCounty> {
  await admin.post('/regions', [{ code: '640000', name: '宁夏回族自治区' }, { code: '640100', name: '银川市', parentCode: '640000' }, { code: '640181', name: '灵武市', parentCode: '640100' }]);
  const unit = await admin.post('/organisations', { regionCode: '640181', kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
  const hall = await admin.post('/organisations', { regionCode: '640181', kind: 'hall', name: '灵武市政务服务大厅A厅' });
  const window = await admin.post('/organisations', { regionCode: '640181', kind: 'window', parentId: hall.id, code: 'A01', name: 'A01 综合窗口' });
  await admin.post('/staff', { unitId: unit.id, employeeNo: 'E001', name: '马晓东', windowIds: [window.id] });
  await admin.post('/service-items', { code: 'LW-ITEM-1', name: '最低生活保障审批', itemType: 'public_service', promisedDays: 5, ownerUnitId: unit.id, regionCode: '640181' });
  const { apiKey } = await admin.post('/integrations', { name: '灵武民政审批系统', unitIds: [unit.id] });
  return { unitId: unit.id, windowId: window.id, apiKey };
}

/** A case of LW-ITEM-1 handled by 马晓东 at window A01 and completed ten minutes ago, pushed with the unit's key. */
export async function pushLingwuCase(admin: ReturnType<typeof adminApi>, county: LingwuCounty, caseNo: string, applicant: { name: string; phone: string }): Promise<void> {
  await admin.post(
    '/integration/cases',
    {
      caseNo, itemCode: 'LW-ITEM-1', unitCode: 'LW-MZJ', windowId: county.windowId, staffEmployeeNo: 'E001', channel: 'offline',
      applicant: { type: 1, ...applicant },
      stages: [{ stage: 'received', at: minutesAgo(90) }, { stage: 'accepted', at: minutesAgo(80) }, { stage: 'completed', at: minutesAgo(10) }],
    },
    { authorization: `Bearer ${county.apiKey}` },
  );
}
