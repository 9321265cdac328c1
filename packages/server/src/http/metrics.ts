import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database.ts';

/** Prometheus metrics on a registry of this app's own, so several apps in one process never clash. */
export function installMetrics(app: FastifyInstance, db: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hcp_' });
  const requests = new Counter({ name: 'hcp_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'hcp_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'hcp_jobs_backlog',
    help: 'Jobs and outbox messages waiting or running, by kind and status',
    labelNames: ['kind', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await sql<{ kind: string; status: string; n: number }>`
        select kind, status, count(*)::int as n from jobs where status in ('pending','running','dead') group by 1, 2`.execute(db);
      for (const r of rows.rows) this.set({ kind: r.kind, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'hcp_jobs_oldest_pending_seconds',
    help: 'Age of the oldest due job that has not run',
    registers: [registry],
    async collect() {
      const r = await sql<{ age: number | null }>`
        select extract(epoch from now() - min(run_at))::float8 as age from jobs where status = 'pending' and run_at <= now()`.execute(db);
      this.set(r.rows[0]?.age ?? 0);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
