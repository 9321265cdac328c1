/**
 * The load generator of the benchmark, in a worker thread with its own event loop (and so its own
 * core), sending prepared requests over keep-alive HTTP connections with a fixed number in flight.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadJob {
  port: number;
  concurrency: number;
  requests: LoadRequest[];
}

export interface LoadResult {
  /** Wall time from the first request sent to the last answer, in milliseconds. */
  elapsedMs: number;
  /** Latency of each request in milliseconds, in completion order. */
  latencies: Float64Array;
  /** Number of answers by HTTP status ("error" for a failed connection). */
  statuses: Record<string, number>;
  /** The first few bodies of unexpected answers, to tell why. */
  samples: string[];
}

function send(agent: http.Agent, port: number, r: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(r.body);
    }
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (r.body !== undefined) req.end(r.body);
    else req.end();
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const latencies = new Float64Array(job.requests.length);
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= job.requests.length) return;
      const t0 = performance.now();
      let key: string;
      try {
        const res = await send(agent, job.port, job.requests[i]!);
        key = String(res.status);
        if (res.status >= 300 && samples.length < 5) samples.push(`${res.status} ${res.body.slice(0, 300)}`);
      } catch (err) {
        key = 'error';
        if (samples.length < 5) samples.push(String(err));
      }
      latencies[done++] = performance.now() - t0;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { elapsedMs, latencies, statuses, samples };
}

parentPort?.on('message', (job: LoadJob) => {
  runLoad(job).then(
    (result) => parentPort!.postMessage({ ok: true, result }, [result.latencies.buffer as ArrayBuffer]),
    (err: unknown) => parentPort!.postMessage({ ok: false, error: String(err) }),
  );
});
