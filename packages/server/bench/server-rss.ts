import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { log } from './env.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/hcp.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * server.rss_mb_idle: `hcp serve --no-demo` (web, worker and scheduler) started on the benchmark's
 * database; once /healthz answers and the process has used under 2 % of a core for 5 seconds in a
 * row (its first scheduled jobs done), its resident memory (VmRSS) is read.
 */
export async function measureServerRss(env: { databaseUrl: string | undefined; dataDir: string }): Promise<{ rssMb: number; peakMb: number; startSeconds: number; idleAfterSeconds: number; idle: boolean }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--no-demo'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      HCP_DATA_DIR: env.dataDir,
      HCP_ADMIN_PASSWORD: 'Bench-admin-password-2026',
      ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : { DATABASE_URL: '' }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const t0 = performance.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`hcp serve exited (${child.exitCode}): ${stderr}`);
      if (performance.now() - t0 > 180_000) throw new Error('hcp serve did not answer /healthz within 3 minutes');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(250);
    }
    const startSeconds = (performance.now() - t0) / 1000;
    log(`server rss: hcp serve answered after ${startSeconds.toFixed(1)} s; waiting for it to go idle`);
    let peakMb = 0;
    let quiet = 0;
    let last = cpuTicks(child.pid!);
    const t1 = performance.now();
    while (quiet < 5 && performance.now() - t1 < 300_000) {
      await sleep(1000);
      const now = cpuTicks(child.pid!);
      // 100 ticks a second: under 2 ticks is under 2 % of one core.
      quiet = now - last < 2 ? quiet + 1 : 0;
      last = now;
      peakMb = Math.max(peakMb, rssMb(child.pid!));
    }
    const rss = rssMb(child.pid!);
    return { rssMb: rss, peakMb: Math.max(peakMb, rss), startSeconds, idleAfterSeconds: (performance.now() - t1) / 1000, idle: quiet >= 5 };
  } finally {
    child.kill('SIGTERM');
    // A scheduled job still running may hold the shutdown: it gets 20 s.
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    clearTimeout(killer);
  }
}
