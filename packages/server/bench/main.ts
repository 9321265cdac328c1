/**
 * `npm run bench -- [--db pglite|postgres] [--json FILE]`: the performance benchmark of issue 7.
 * Generates its own data in a fresh database, warms each path up, measures it, prints a table and
 * writes the figures as JSON. See docs/BENCHMARK.md. Never part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from '../src/http/app.ts';
import { log, openBenchEnv, round, type DbKind } from './env.ts';
import { measureCitizenPage } from './citizen-page.ts';
import { measureDashboard } from './dashboard.ts';
import { measureDefaultSweep } from './default-sweep.ts';
import { measureImport, measureIngest } from './ingest.ts';
import { measureServerRss } from './server-rss.ts';
import { seedWorld } from './world.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    json: { type: 'string' },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string', multiple: true },
    'server-log': { type: 'string', default: 'info' },
    scale: { type: 'string', default: '1' },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'web-dist': { type: 'boolean', default: false },
  },
});
const kind = values.db as DbKind;
if (kind !== 'pglite' && kind !== 'postgres') throw new Error('--db must be pglite or postgres');
const wanted = (part: string) => !values.only || values.only.includes(part);

/** Sizes per database: PGlite is one embedded connection in this process, so it gets smaller data. */
const scale = Number(values.scale);
if (!(scale > 0)) throw new Error('--scale must be a positive number');
const sized = (n: number) => Math.max(1, Math.round(n * scale));
const SIZES = kind === 'postgres'
  ? { ingest: { warm: sized(3000), n: sized(24_000), raw: sized(24_000) }, sweep: sized(1_000_000), dashboard: { rows: sized(10_000_000), queries: 200, raw: 10 } }
  : { ingest: { warm: sized(500), n: sized(4000), raw: sized(4000) }, sweep: sized(100_000), dashboard: { rows: sized(300_000), queries: 200, raw: 20 } };

const figures: Record<string, number> = {};
/** The request log of the server under test; kept after the run, to read when something failed. */
const serverLog = `${os.tmpdir()}/hcp-bench-server-${process.pid}.log`;
const notes: string[] = [];

async function main() {
  const started = Date.now();
  log(`database ${kind}; ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  const env = await openBenchEnv(kind, values['postgres-url']!, 10, values.keep);
  try {
    log('master data: the demo county without cases');
    const world = await seedWorld(env.c);
    // The server's request log goes where a deployment's would, just not to this terminal.
    const logger = pino({ level: values['server-log']! }, pino.destination({ dest: serverLog, sync: false }));
    const app = await buildApp({ container: env.c, logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    if (wanted('ingest') || wanted('import')) {
      const s = SIZES.ingest;
      const count = s.warm + s.n + s.raw;
      log(`import: ${count} cases through the batch API`);
      const imp = await measureImport(env, port, world, count, 'I');
      figures['import.cases_per_s'] = round(imp.figures.casesPerS, 0);
      notes.push(`import: ${imp.figures.cases} cases in ${round(imp.figures.seconds, 2)} s (batches of 1000, one request at a time)`);
      if (wanted('ingest')) {
        const ing = await measureIngest(env, app, port, imp.caseIds, s, values.profile);
        Object.assign(figures, {
          'ingest.evaluations_per_s': round(ing.evaluationsPerS, 0),
          'ingest.p50_ms': round(ing.p50Ms, 1),
          'ingest.p99_ms': round(ing.p99Ms, 1),
          'ingest.raw_inserts_per_s': round(ing.rawInsertsPerS, 0),
          'ingest.echo_per_s': round(ing.echoPerS, 0),
          'ingest.vs_raw': round(ing.vsRaw, 2),
          'ingest.vs_echo': round(ing.vsEcho, 2),
        });
        notes.push(`ingest: ${ing.evaluations} ratings (${ing.badShare * 100}% bad, each opening a work order) after ${s.warm} of warm-up; raw baseline ${ing.rawInserts} rows; echo p99 ${round(ing.echoP99Ms, 1)} ms`);
        notes.push(`ingest: ${round(ing.statementsPerRating, 2)} SQL statements per rating; CPU of the bench process (server + load generator${kind === 'pglite' ? ' + PGlite' : ''}) ${round(ing.serverCpuMsPerRating, 3)} ms per rating, ${round(ing.echoCpuMsPerRequest, 3)} ms per echo${ing.backendCpuMsPerRating !== undefined ? `; PostgreSQL backends ${round(ing.backendCpuMsPerRating, 3)} ms per rating` : ''}`);
      }
    }
    if (wanted('default_sweep')) {
      const sw = await measureDefaultSweep(env, SIZES.sweep);
      figures['default_sweep.cases'] = sw.cases;
      figures['default_sweep.seconds'] = round(sw.seconds, 2);
      notes.push(`default_sweep: ${sw.cases} due cases generated in SQL in ${round(sw.generateSeconds, 1)} s; the job recorded ${sw.recorded} in ${round(sw.seconds, 2)} s`);
    }
    if (wanted('dashboard')) {
      const d = await measureDashboard(env, port, SIZES.dashboard.rows, SIZES.dashboard);
      figures['dashboard.evaluations'] = d.evaluations;
      figures['dashboard.p95_ms'] = round(d.p95Ms, 1);
      figures['dashboard.raw_groupby_ms'] = round(d.rawGroupByMs, 0);
      notes.push(`dashboard: ${d.generated} ratings generated in SQL in ${round(d.generateSeconds, 0)} s, rollups rebuilt in ${round(d.rebuildSeconds, 0)} s; API p50 ${round(d.p50Ms, 1)} ms, p95 ${round(d.p95Ms, 1)} ms over ${d.queries} region × quarter queries; raw GROUP BY p50 ${round(d.rawGroupByP50Ms, 0)} ms, p95 ${round(d.rawGroupByMs, 0)} ms over ${d.rawQueries} of them (${round(d.rawGroupByMs / d.p95Ms, 0)}×)`);
    }
    await app.close();
    if (wanted('citizen_page')) {
      const page = measureCitizenPage(env.tmp, values['web-dist']!);
      figures['citizen_page.js_gzip_bytes'] = page.gzipBytes;
      notes.push(`citizen_page: ${page.files.length} files (${page.files.join(', ')}), ${page.bytes} bytes before gzip`);
    }
    if (wanted('server')) {
      // PGlite is one process's: the benchmark's is closed first, and hcp serve opens its directory.
      if (kind === 'pglite') await env.db.destroy();
      const rss = await measureServerRss({ databaseUrl: env.databaseUrl, dataDir: env.tmp });
      figures['server.rss_mb_idle'] = round(rss.rssMb, 0);
      const after = rss.idle ? `idle after ${round(rss.idleAfterSeconds, 0)} s more` : `NOT idle after ${round(rss.idleAfterSeconds, 0)} s (its scheduled jobs still working), read then`;
      notes.push(`server: hcp serve --no-demo on this run's database answered /healthz after ${round(rss.startSeconds, 1)} s, ${after}; RSS ${round(rss.rssMb, 1)} MB (peak ${round(rss.peakMb, 1)} MB)`);
    }
  } finally {
    await env.close();
  }
  print();
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
  log(`done in ${round((Date.now() - started) / 1000, 0)} s`);
}

function print() {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  process.stdout.write(`\nhcp bench — ${kind}, ${os.cpus().length} × ${os.cpus()[0]?.model}\n\n`);
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(width)}  ${String(v).padStart(12)}\n`);
  process.stdout.write(`\n${notes.map((n) => `  ${n}`).join('\n')}\n\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n(server log: ${serverLog})\n`);
    process.exit(1);
  },
);
