import type { FastifyBaseLogger } from 'fastify';
import type { JobRepository } from '../repositories/job.repository.ts';
import type { JobHandler, JobKind, ScheduleDefinition } from './job-types.ts';

export interface WorkerOptions {
  instanceId: string;
  handlers: JobHandler[];
  jobs: JobRepository;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  pollMs?: number;
  batch?: number;
}

const backoffSeconds = (attempt: number) => Math.min(3600, 2 ** Math.min(attempt, 12));

/** Drains due jobs until stopped. Safe to run in many processes at once. */
export class Worker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly byKind: Map<string, JobHandler>;
  private readonly leaseSeconds: number;

  constructor(private readonly o: WorkerOptions) {
    this.byKind = new Map(o.handlers.map((h) => [h.kind, h]));
    this.leaseSeconds = Math.max(300, ...o.handlers.map((h) => h.leaseSeconds ?? 0));
  }

  /** Runs every due job once and returns how many ran; what the loop does on each tick. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.o.jobs.claim(this.o.instanceId, this.o.batch ?? 20, this.leaseSeconds, [...this.byKind.keys()]);
      if (claimed.length === 0) return total;
      for (const job of claimed) {
        const handler = this.byKind.get(job.kind)!;
        try {
          await handler.run(job.payload as never, { jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts });
          await this.o.jobs.complete(job.id, this.o.instanceId);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          this.o.logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: message }, 'job failed');
          await this.o.jobs.fail(job, this.o.instanceId, message, backoffSeconds(job.attempts));
        }
        total++;
      }
    }
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.drain();
        } catch (err) {
          this.o.logger.error({ err }, 'worker tick failed');
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.o.pollMs ?? 1000).unref();
        });
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}

/** Keeps the schedule table in step with the code and fires due schedules. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly o: { instanceId: string; jobs: JobRepository; schedules: ScheduleDefinition[]; logger: WorkerOptions['logger']; pollMs?: number },
  ) {}

  async register(): Promise<void> {
    for (const s of this.o.schedules) {
      await this.o.jobs.upsertSchedule({ name: s.name, everySeconds: s.everySeconds, jobKind: s.kind as JobKind, firstRunAt: new Date(Date.now() + 5000) });
    }
  }

  fire(): Promise<string[]> {
    return this.o.jobs.fireDueSchedules(this.o.instanceId);
  }

  async start(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => {
      this.tick = this.fire().catch((err) => this.o.logger.error({ err }, 'scheduler tick failed'));
    }, this.o.pollMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
  }
}
