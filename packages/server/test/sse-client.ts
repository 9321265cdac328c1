/** A server-sent event as read off the wire. */
export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseConnection {
  status: number;
  /** The next event (of this name, skipping others); waits as long as the test's timeout allows. */
  next(name?: string): Promise<SseEvent>;
  close(): void;
}

/** Opens an event stream with fetch and parses it, the way a device that can send headers would. */
export async function openEventStream(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const parsed: SseEvent[] = [];

  const parseBlocks = () => {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) parsed.push({ event, data: JSON.parse(data.join('\n')) });
    }
  };

  return {
    status: res.status,
    async next(name) {
      for (;;) {
        const i = parsed.findIndex((e) => !name || e.event === name);
        if (i >= 0) return parsed.splice(0, i + 1).pop()!;
        const { value, done } = await reader.read();
        if (done) throw new Error(`the event stream ended before ${name ?? 'an event'} arrived`);
        buffer += decoder.decode(value, { stream: true });
        parseBlocks();
      }
    },
    close: () => abort.abort(),
  };
}
