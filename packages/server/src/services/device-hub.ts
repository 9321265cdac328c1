import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { DeviceNotifier, IdleState } from './device.service.ts';
import type { EvaluateEvent } from './device-request.service.ts';

/** One open event stream of a device (its SSE connection on this instance). */
export interface DeviceStream {
  deviceId: number;
  /** The token hash the stream was opened with; a new pairing or a switch-off ends the stream. */
  tokenHash: string;
  send(event: 'idle' | 'evaluate' | 'unpaired', data: unknown): void;
  /** A comment line, to keep proxies from timing the connection out and to show the device it is alive. */
  ping(): void;
  close(): void;
}

export interface DeviceHubSources {
  evaluate(requestId: number): Promise<EvaluateEvent | null>;
  idle(deviceId: number): Promise<IdleState>;
}

export interface DeviceHubOptions {
  /** How often the database is asked for requests made on other instances. */
  pollMs?: number;
  heartbeatMs?: number;
  now?: () => Date;
  onError?: (e: unknown) => void;
}

interface Subscriber {
  stream: DeviceStream;
  /** The request this stream shows now; null = the idle screen. */
  showing: number | null;
}

/**
 * Delivers rating requests to the devices connected to this instance.
 *
 * Two paths, one mechanism: each sync reads, for every connected device at once, its newest open
 * request and its credentials, and sends a stream what differs from what it shows (`evaluate` for a
 * new request, `idle` when none is open any more, `unpaired` when its token is no longer valid). A
 * request made on this instance asks for a sync at once (the instant path); a poll every second
 * finds those made on other instances, or written straight into the table (the cross-instance
 * path). The poll was chosen over PostgreSQL LISTEN/NOTIFY because it runs unchanged on PGlite and
 * on PostgreSQL, needs no dedicated connection, and costs two indexed queries a second per instance
 * however many devices it serves; the state is re-read, not pushed, so a missed signal heals itself.
 */
export class DeviceHub implements DeviceNotifier {
  private readonly subscribers = new Set<Subscriber>();
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly now: () => Date;
  private readonly onError: (e: unknown) => void;

  constructor(
    private readonly devices: DeviceRepository,
    private readonly sources: DeviceHubSources,
    options: DeviceHubOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? (() => undefined);
  }

  get connections(): number {
    return this.subscribers.size;
  }

  /** Opens a stream: it gets `idle` now, and `evaluate` right after if a request is waiting. Returns the unsubscribe. */
  async subscribe(stream: DeviceStream): Promise<() => void> {
    const sub: Subscriber = { stream, showing: null };
    stream.send('idle', await this.sources.idle(stream.deviceId));
    this.subscribers.add(sub);
    this.startTimers();
    this.notify(stream.deviceId);
    return () => {
      this.subscribers.delete(sub);
      if (this.subscribers.size === 0) this.stopTimers();
    };
  }

  /** Something changed for a device on this instance: sync now rather than at the next poll. */
  notify(_deviceId: number): void {
    if (this.subscribers.size === 0) return;
    void this.sync();
  }

  /** Resolves when the current sync, and one asked for meanwhile, have finished. For tests and shutdown. */
  async sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.syncOnce();
        } catch (e) {
          this.onError(e);
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Ends every stream, e.g. before the server closes: open event streams would keep it waiting. */
  closeAll(): void {
    for (const sub of this.subscribers) sub.stream.close();
    this.subscribers.clear();
    this.stopTimers();
  }

  private async syncOnce(): Promise<void> {
    const subs = [...this.subscribers];
    if (subs.length === 0) return;
    const ids = [...new Set(subs.map((s) => s.stream.deviceId))];
    const now = this.now();
    await this.devices.expireOpen(ids, now);
    const credentials = new Map((await this.devices.credentials(ids)).map((c) => [c.id, c]));
    const open = new Map((await this.devices.openRequests(ids, now)).map((r) => [r.device_id, r]));
    for (const sub of subs) {
      if (!this.subscribers.has(sub)) continue;
      const cred = credentials.get(sub.stream.deviceId);
      if (!cred || !cred.active || cred.token_hash !== sub.stream.tokenHash) {
        sub.stream.send('unpaired', {});
        sub.stream.close();
        this.subscribers.delete(sub);
        continue;
      }
      const request = open.get(sub.stream.deviceId);
      if (request && request.id !== sub.showing) {
        const event = await this.sources.evaluate(request.id);
        if (!event) continue;
        sub.showing = request.id;
        sub.stream.send('evaluate', event);
        if (request.status === 'pending') await this.devices.markShown(request.id);
      } else if (!request && sub.showing !== null) {
        sub.showing = null;
        sub.stream.send('idle', await this.sources.idle(sub.stream.deviceId));
      }
    }
    if (this.subscribers.size === 0) this.stopTimers();
  }

  private async heartbeat(): Promise<void> {
    const subs = [...this.subscribers];
    for (const sub of subs) sub.stream.ping();
    await this.devices.touch([...new Set(subs.map((s) => s.stream.deviceId))], this.now());
  }

  private startTimers(): void {
    if (!this.pollTimer) {
      this.pollTimer = setInterval(() => void this.sync(), this.pollMs);
      this.pollTimer.unref();
    }
    if (!this.heartbeatTimer) {
      this.heartbeatTimer = setInterval(() => void this.heartbeat().catch(this.onError), this.heartbeatMs);
      this.heartbeatTimer.unref();
    }
  }

  private stopTimers(): void {
    clearInterval(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    this.pollTimer = undefined;
    this.heartbeatTimer = undefined;
  }
}
