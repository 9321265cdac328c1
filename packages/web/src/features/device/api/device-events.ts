import { deviceHeaders } from '../device-token.ts';
import type { EvaluateEvent, IdleState } from '../types.ts';

export interface DeviceEventHandlers {
  onIdle(state: IdleState): void;
  onEvaluate(event: EvaluateEvent): void;
  /** The token is no longer valid (re-paired elsewhere, switched off): pair again. */
  onUnpaired(): void;
  onConnection(connected: boolean): void;
}

/** The server sends a comment every 15 s; this long without a byte means the connection is dead. */
const SILENCE_MS = 40_000;
const MAX_BACKOFF_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens GET /api/device/events and keeps it open: reconnects after a drop (1 s, 2 s, 4 s … 15 s) and
 * when the heartbeats stop. fetch rather than EventSource, so the token goes in a header and a 401
 * can be told from a network failure. Returns the function that closes it.
 */
export function connectDeviceEvents(token: string, h: DeviceEventHandlers): () => void {
  let stopped = false;
  let controller: AbortController | undefined;

  const dispatch = (event: string, data: string) => {
    if (event === 'idle') h.onIdle(JSON.parse(data) as IdleState);
    else if (event === 'evaluate') h.onEvaluate(JSON.parse(data) as EvaluateEvent);
    else if (event === 'unpaired') {
      stopped = true;
      h.onUnpaired();
    }
  };

  const read = async (body: ReadableStream<Uint8Array>, abort: AbortController) => {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let silence = setTimeout(() => abort.abort(), SILENCE_MS);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        clearTimeout(silence);
        silence = setTimeout(() => abort.abort(), SILENCE_MS);
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length) dispatch(event, data.join('\n'));
          if (stopped) return;
        }
      }
    } finally {
      clearTimeout(silence);
    }
  };

  void (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      controller = new AbortController();
      try {
        const res = await fetch('/api/device/events', { headers: { accept: 'text/event-stream', ...deviceHeaders(token) }, signal: controller.signal, cache: 'no-store' });
        if (res.status === 401) {
          stopped = true;
          h.onUnpaired();
          return;
        }
        if (res.ok && res.body) {
          attempt = 0;
          h.onConnection(true);
          await read(res.body, controller);
        }
      } catch {
        // dropped, aborted by the silence timer, or the server is away: try again below
      }
      if (stopped) return;
      h.onConnection(false);
      await sleep(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt));
    }
  })();

  return () => {
    stopped = true;
    controller?.abort();
  };
}
