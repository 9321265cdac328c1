import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGlite } from '../src/db/database.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/hcp.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The `hcp` command as a new user runs it: first start on an empty data directory (admin password
 * printed once, demo county seeded on the embedded database), the API answering, then an offline
 * audit check that catches tampering. On PostgreSQL, a fresh database and `hcp seed --demo`.
 */
describe('hcp command', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-cli-'));
  const url = process.env.DATABASE_URL;
  const dbName = `hcp_cli_${randomBytes(5).toString('hex')}`;
  let env: NodeJS.ProcessEnv;

  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 240_000 });

  beforeAll(async () => {
    env = { ...process.env, HCP_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.HCP_ADMIN_PASSWORD;
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const target = new URL(url);
      target.pathname = `/${dbName}`;
      env.DATABASE_URL = target.toString();
    } else {
      delete env.DATABASE_URL;
    }
  });

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  });

  it('prints its usage and refuses unknown commands and bad flags', () => {
    expect(run('help').stdout).toContain('hcp serve');
    const bad = run('frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command');
    const flag = run('seed', '--demo', '--cases', 'many');
    expect(flag.status).toBe(78);
    expect(flag.stderr).toContain('--cases must be a whole number');
  }, 120_000);

  it('first start: prints the admin password once, seeds the demo county, serves the API', async () => {
    if (url) expect(run('seed', '--demo', '--cases', '40').status).toBe(0);
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--demo-cases', '40'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 600; i++) {
        const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      const password = /password: (\S+)\s+\(generated/.exec(out)?.[1];
      expect(password).toBeDefined();
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      expect(login.status).toBe(200);
      const demo = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.supervisor', password: 'Haochaping-demo-2026' }) });
      expect(demo.status).toBe(200);
      const cookie = demo.headers.get('set-cookie')!.split(';')[0]!;
      const cases = (await (await fetch(`${base}/api/cases?limit=5`, { headers: { cookie } })).json()) as { items: { applicant: { phone: string } }[] };
      expect(cases.items).toHaveLength(5);
      expect(cases.items[0]!.applicant.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(out.match(/First start/g)).toHaveLength(1);
  }, 300_000);

  it('audit verify passes on the untouched log and names the first tampered record', async () => {
    const ok = run('audit', 'verify');
    expect(ok.stdout).toMatch(/audit log intact: \d+ records verified/);
    expect(ok.status).toBe(0);
    const tamper = async (q: (sql: string) => Promise<unknown>) => {
      await q('alter table audit_log disable trigger audit_log_no_update');
      await q(`update audit_log set action = 'forged' where seq = 7`);
      await q('alter table audit_log enable trigger audit_log_no_update');
    };
    if (env.DATABASE_URL) {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      await tamper((s) => c.query(s));
      await c.end();
    } else {
      const db = createPGlite(path.join(dataDir, 'pglite'));
      await tamper((s) => db.exec(s));
      await db.close();
    }
    const broken = run('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('audit log BROKEN at record 7');
  }, 120_000);

  it('stats rebuild recomputes the statistics rollups of the seeded county', () => {
    const r = run('stats', 'rebuild');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^statistics rebuilt in [\d.]+ s: [1-9]\d* stat_day, [1-9]\d* stat_month, [1-9]\d* stat_unit_month, [1-9]\d* stat_region_day, [1-9]\d* stat_region_month\n$/);
  }, 120_000);
});
