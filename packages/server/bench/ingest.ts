import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import Fastify from 'fastify';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import type { App } from '../src/http/app.ts';
import { Random } from '../src/seed/random.ts';
import { benchCase, evaluationBody, type World } from './world.ts';
import { backendCpuMs, log, percentile, round, runLoad, statements, type BenchEnv } from './env.ts';
import type { LoadRequest, LoadResult } from './load-worker.ts';

export interface ImportFigures {
  cases: number;
  seconds: number;
  casesPerS: number;
}

export interface IngestFigures {
  evaluations: number;
  evaluationsPerS: number;
  p50Ms: number;
  p99Ms: number;
  rawInserts: number;
  rawInsertsPerS: number;
  echoPerS: number;
  echoP99Ms: number;
  vsRaw: number;
  vsEcho: number;
  badShare: number;
  /** SQL statements the services sent per rating (without BEGIN/COMMIT). */
  statementsPerRating: number;
  /** CPU time of the bench process (server and load generator; with PGlite also the database) per rating, and per echo. */
  serverCpuMsPerRating: number;
  echoCpuMsPerRequest: number;
  /** CPU time of this database's PostgreSQL backends per rating (PostgreSQL only). */
  backendCpuMsPerRating: number | undefined;
}

const CONCURRENCY = 64;

/** A CPU profile of this thread (the server) until the returned function is called. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, r) => (err ? reject(err) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    session.disconnect();
    return profile;
  };
}

function expectAll(name: string, r: LoadResult, status: number) {
  const ok = r.statuses[String(status)] ?? 0;
  if (ok !== r.latencies.length) throw new Error(`${name}: ${ok} of ${r.latencies.length} answered ${status}: ${JSON.stringify(r.statuses)} ${r.samples.join(' | ')}`);
}

/**
 * import.cases_per_s: completed cases pushed through POST /api/integration/cases/batch (1000 a
 * request, one request at a time), as an approval system catching up would. Returns the case ids in
 * push order; the ingest measurement rates them.
 */
export async function measureImport(env: BenchEnv, port: number, world: World, count: number, tag: string): Promise<{ figures: ImportFigures; caseIds: number[] }> {
  const r = new Random(7);
  const now = Date.now();
  const bodies: LoadRequest[] = [];
  for (let start = 0; start < count; start += 1000) {
    const cases = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      // Completed within the last day: open for rating, far from their default date.
      cases.push(benchCase(r, `BENCH-${tag}-${String(i).padStart(7, '0')}`, world.slots[i % world.slots.length]!, new Date(now - 3_600_000 - r.int(0, 20 * 3600) * 1000)));
    }
    bodies.push({ method: 'POST', path: '/api/integration/cases/batch', body: JSON.stringify({ cases }), headers: { authorization: `Bearer ${world.integrationKey}` } });
  }
  // One request of warm-up (its cases count in the total but not in the timing).
  const warm = await runLoad({ port, concurrency: 1, requests: bodies.slice(0, 1) });
  expectAll('import warm-up', warm, 200);
  // One request at a time, as one approval system pushes.
  const res = await runLoad({ port, concurrency: 1, requests: bodies.slice(1) });
  expectAll('import', res, 200);
  const measured = count - Math.min(count, 1000);
  const rows = await env.db.selectFrom('cases').select('id').where('case_no', 'like', `BENCH-${tag}-%`).orderBy('case_no').execute();
  if (rows.length !== count) throw new Error(`import: expected ${count} cases, found ${rows.length}`);
  return { figures: { cases: measured, seconds: res.elapsedMs / 1000, casesPerS: measured / (res.elapsedMs / 1000) }, caseIds: rows.map((x) => x.id) };
}

/** Evaluation sessions as a portal's signed links open them (one per case), made in bulk beforehand. */
async function openSessions(env: BenchEnv, caseIds: number[]): Promise<string[]> {
  const tokens: string[] = [];
  const expiresAt = new Date(Date.now() + 6 * 3_600_000);
  for (let i = 0; i < caseIds.length; i += 1000) {
    const slice = caseIds.slice(i, i + 1000);
    const rows = slice.map((caseId) => {
      const token = randomBytes(9).toString('base64url');
      tokens.push(token);
      return { token_hash: createHash('sha256').update(token).digest('hex'), case_id: caseId, channel: 'mobile', real_name: true, platform_id: null, source_ref: 'signed:bench', expires_at: expiresAt };
    });
    await env.db.insertInto('evaluation_sessions').values(rows).execute();
  }
  return tokens;
}

/** A bare Fastify server: parses the JSON body and echoes it. The HTTP ceiling of this machine. */
async function startEcho(): Promise<{ port: number; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.post('/api/public/evaluate/:token', async (request, reply) => reply.status(201).send(request.body));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, close: () => app.close() };
}

interface RawRow {
  case_id: number;
  item_id: number;
  unit_id: number;
  window_id: number | null;
  hall_id: number | null;
  staff_id: number | null;
  region_code: string;
  org_path: string;
}

const RAW_COLUMNS = [
  'case_id', 'visit_no', 'round', 'kind', 'level', 'bad', 'tags', 'text', 'scores', 'channel', 'policy_id', 'real_name',
  'item_id', 'unit_id', 'window_id', 'hall_id', 'staff_id', 'region_code', 'org_path', 'source_ref', 'idempotency_key', 'submitted_at',
];
const RAW_INSERT = `insert into evaluations (${RAW_COLUMNS.join(', ')}) values (${RAW_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/**
 * The database baseline: the same rows, one INSERT per transaction (autocommit), 64 at a time,
 * straight into the evaluations table over 64 connections (PGlite has one connection: the 64 queue).
 */
async function rawInserts(env: BenchEnv, caseIds: number[], bodies: ReturnType<typeof evaluationBody>[], concurrency: number): Promise<{ n: number; seconds: number }> {
  const ctx = await sql<RawRow>`
    select c.id as case_id, c.item_id, c.unit_id, c.window_id, h.id as hall_id, c.staff_id, c.region_code, c.org_path
    from cases c left join organisations w on w.id = c.window_id left join organisations h on h.id = w.parent_id and h.kind = 'hall'
    where c.id = any(${caseIds})`.execute(env.db);
  const policyId = (await env.c.services.evaluations.policyFor('640181000000')).id;
  const params = ctx.rows.map((c, i) => {
    const b = bodies[i % bodies.length]!;
    return [c.case_id, 1, 1, 'active', b.level, b.level <= 2, b.tags, b.text, JSON.stringify(b.scores), 'mobile', policyId, true,
      c.item_id, c.unit_id, c.window_id, c.hall_id, c.staff_id, c.region_code, c.org_path, `raw:${i}`, `raw-${c.case_id}`, new Date()];
  });
  let exec: (p: unknown[]) => Promise<unknown>;
  let end = async () => undefined as void;
  if (env.databaseUrl) {
    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: concurrency });
    pool.on('error', () => undefined);
    // Open every connection before timing.
    await Promise.all(Array.from({ length: concurrency }, () => pool.query('select 1')));
    exec = (p) => pool.query(RAW_INSERT, p);
    end = () => pool.end();
  } else {
    exec = (p) => env.db.executeQuery(CompiledQuery.raw(RAW_INSERT, p));
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (;;) {
      const i = next++;
      if (i >= params.length) return;
      await exec(params[i]!);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await end();
  return { n: params.length, seconds };
}

/**
 * ingest.*: ratings posted to POST /api/public/evaluate/:token of the running server (the evaluation
 * page a portal's signed link opens), 64 in flight; 201 means committed. In the same run, the
 * same rows straight into the database one per transaction, and a bare Fastify echo of the body.
 */
export async function measureIngest(env: BenchEnv, app: App, port: number, caseIds: number[], sizes: { warm: number; n: number; raw: number }, profileDir?: string): Promise<IngestFigures> {
  const need = sizes.warm + sizes.n + sizes.raw;
  if (caseIds.length < need) throw new Error(`ingest needs ${need} cases, got ${caseIds.length}`);
  const r = new Random(11);
  const bodies = Array.from({ length: sizes.warm + sizes.n }, (_, i) => evaluationBody(r, i));
  const tokens = await openSessions(env, caseIds.slice(0, sizes.warm + sizes.n));
  const requests: LoadRequest[] = tokens.map((t, i) => ({ method: 'POST', path: `/api/public/evaluate/${t}`, body: JSON.stringify(bodies[i]) }));

  log(`echo: ${sizes.n} requests`);
  const echo = await startEcho();
  await runLoad({ port: echo.port, concurrency: CONCURRENCY, requests: requests.slice(0, sizes.warm) });
  const echoCpu = process.cpuUsage();
  const echoRun = await runLoad({ port: echo.port, concurrency: CONCURRENCY, requests: requests.slice(sizes.warm) });
  const echoCpuUsed = process.cpuUsage(echoCpu);
  expectAll('echo', echoRun, 201);
  await echo.close();

  log(`ingest: warm-up ${sizes.warm}, then ${sizes.n} ratings`);
  const warm = await runLoad({ port, concurrency: CONCURRENCY, requests: requests.slice(0, sizes.warm) });
  expectAll('ingest warm-up', warm, 201);
  const before = { statements: statements.count, cpu: process.cpuUsage(), backends: await backendCpuMs(env) };
  const profiling = profileDir ? await startProfile() : undefined;
  const run = await runLoad({ port, concurrency: CONCURRENCY, requests: requests.slice(sizes.warm) });
  if (profiling) {
    fs.mkdirSync(profileDir!, { recursive: true });
    fs.writeFileSync(path.join(profileDir!, `ingest-${Date.now()}.cpuprofile`), JSON.stringify(await profiling()));
  }
  const cpu = process.cpuUsage(before.cpu);
  const backends = await backendCpuMs(env, before.backends?.snapshot);
  const statementsPerRating = (statements.count - before.statements) / sizes.n;
  expectAll('ingest', run, 201);
  const stored = await env.db.selectFrom('evaluations').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', 'in', caseIds.slice(0, sizes.warm + sizes.n)).executeTakeFirstOrThrow();
  if (Number(stored.n) !== sizes.warm + sizes.n) throw new Error(`ingest: ${stored.n} evaluations stored for ${sizes.warm + sizes.n} answers`);

  log(`raw inserts: ${sizes.raw} rows`);
  const rawCases = caseIds.slice(sizes.warm + sizes.n, need);
  const rawWarm = Math.min(1000, Math.floor(rawCases.length / 5));
  await rawInserts(env, rawCases.slice(0, rawWarm), bodies, CONCURRENCY);
  const raw = await rawInserts(env, rawCases.slice(rawWarm), bodies, CONCURRENCY);

  const evaluationsPerS = sizes.n / (run.elapsedMs / 1000);
  const rawInsertsPerS = raw.n / raw.seconds;
  const echoPerS = sizes.n / (echoRun.elapsedMs / 1000);
  void app;
  return {
    evaluations: sizes.n,
    evaluationsPerS,
    p50Ms: percentile(run.latencies, 50),
    p99Ms: percentile(run.latencies, 99),
    rawInserts: raw.n,
    rawInsertsPerS,
    echoPerS,
    echoP99Ms: percentile(echoRun.latencies, 99),
    vsRaw: evaluationsPerS / rawInsertsPerS,
    vsEcho: evaluationsPerS / echoPerS,
    badShare: round(bodies.filter((b) => b.level <= 2).length / bodies.length, 3),
    statementsPerRating,
    serverCpuMsPerRating: (cpu.user + cpu.system) / 1000 / sizes.n,
    echoCpuMsPerRequest: (echoCpuUsed.user + echoCpuUsed.system) / 1000 / sizes.n,
    backendCpuMsPerRating: backends ? backends.ms / sizes.n : undefined,
  };
}
