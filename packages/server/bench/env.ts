import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { createContainer, type Container } from '../src/container.ts';
import { createDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ephemeralKeyring } from '../src/security/key-store.ts';
import { PiiCipher } from '../src/security/pii-cipher.ts';
import type { LoadJob, LoadResult } from './load-worker.ts';

export type DbKind = 'pglite' | 'postgres';

/** Counts the SQL statements the services send (transaction control excluded), to report statements per rating. */
export const statements = { count: 0 };
const statementCounter: KyselyPlugin = {
  transformQuery(args) {
    statements.count++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

/** The database of one benchmark run: a fresh PGlite directory, or a fresh database on a PostgreSQL server. */
export interface BenchEnv {
  kind: DbKind;
  /** postgres://…/hcp_bench_<random> (PostgreSQL only). */
  databaseUrl: string | undefined;
  /** The PGlite directory (PGlite only). */
  dataDir: string | undefined;
  db: Database;
  c: Container;
  /** A scratch directory for this run, removed at the end. */
  tmp: string;
  close(): Promise<void>;
}

export async function openBenchEnv(kind: DbKind, serverUrl: string, poolSize = 10, keep = false): Promise<BenchEnv> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-bench-'));
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  let drop = async () => undefined as void;
  if (kind === 'postgres') {
    const name = `hcp_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    dataDir = path.join(tmp, 'pglite');
  }
  const db = createDatabase({ databaseUrl, dataDir, poolSize });
  await migrateToLatest(db);
  const c = createContainer({ db: db.withPlugin(statementCounter), cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 5, loginLockMinutes: 15 } });
  return {
    kind,
    databaseUrl,
    dataDir,
    db,
    c,
    tmp,
    async close() {
      await db.destroy().catch(() => undefined);
      if (keep) {
        log(`kept the database: ${databaseUrl ?? dataDir}`);
        return;
      }
      await drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Runs prepared requests from a worker thread (its own event loop), `concurrency` at a time. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  // The worker loads TypeScript through tsx, as bin/hcp.js does.
  const source = new URL('./load-worker.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); })`, { eval: true });
  return new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', (m: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
    worker.postMessage(job);
  });
}

export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends serving this database (PostgreSQL only;
 * read from /proc, so the server must run on this machine). Background processes are not counted.
 */
export async function backendCpuMs(env: BenchEnv, since?: Map<number, number>): Promise<{ ms: number; snapshot: Map<number, number> } | undefined> {
  if (!env.databaseUrl) return undefined;
  const rows = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(env.db);
  const snapshot = new Map<number, number>();
  let ticks = 0;
  for (const { pid } of rows.rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const t = Number(fields[11]) + Number(fields[12]);
      snapshot.set(pid, t);
      // A backend that started meanwhile counts whole; one that ended meanwhile is lost (an undercount).
      ticks += t - (since?.get(pid) ?? 0);
    } catch {
      // Gone, or another machine's.
    }
  }
  return { ms: (ticks * 1000) / 100, snapshot };
}
