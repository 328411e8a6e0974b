import http from 'node:http';

/** One dispatched SSE event, as EventSource would see it. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  /** Comment lines (`: …`), such as heartbeats. */
  comments: string[];
  /** The last `id:` seen: what EventSource would send back as Last-Event-ID. */
  lastEventId: string | undefined;
  ended: boolean;
  /** The events of one type, their data parsed as JSON. */
  data<T = unknown>(event: string): T[];
  /** Resolves with the first event (from the start of the stream) that matches. */
  waitFor(predicate: (e: SseEvent) => boolean, timeoutMs?: number, what?: string): Promise<SseEvent>;
  /** Resolves once `count` events of this type have arrived. */
  waitForCount(event: string, count: number, timeoutMs?: number): Promise<SseEvent[]>;
  waitForComment(predicate: (c: string) => boolean, timeoutMs?: number): Promise<string>;
  waitForEnd(timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * Opens a real HTTP SSE stream (not inject(): this reads chunks as they arrive) and parses it as the
 * HTML standard says EventSource does. `lastEventId` sets the Last-Event-ID header.
 */
export function openSse(
  url: string,
  options: { headers?: Record<string, string>; lastEventId?: string } = {},
): Promise<SseStream> {
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const listeners = new Set<() => void>();
      const notify = () => {
        for (const listener of [...listeners]) listener();
      };
      const stream: SseStream = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        events: [],
        comments: [],
        lastEventId: options.lastEventId,
        ended: false,
        data<T>(event: string) {
          return stream.events.filter((e) => e.event === event).map((e) => JSON.parse(e.data) as T);
        },
        waitFor(predicate, timeoutMs = 10_000, what = 'an event') {
          return until(() => stream.events.find(predicate), timeoutMs, `${what} on ${url}`);
        },
        waitForCount(event, count, timeoutMs = 10_000) {
          return until(
            () => {
              const found = stream.events.filter((e) => e.event === event);
              return found.length >= count ? found : undefined;
            },
            timeoutMs,
            `${count} "${event}" events on ${url}`,
          );
        },
        waitForComment(predicate, timeoutMs = 10_000) {
          return until(() => stream.comments.find(predicate), timeoutMs, `a comment on ${url}`);
        },
        waitForEnd(timeoutMs = 10_000) {
          return until(() => (stream.ended ? true : undefined), timeoutMs, `the end of ${url}`).then(
            () => {},
          );
        },
        close() {
          request.destroy();
        },
      };

      function until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
        return new Promise((resolveWait, rejectWait) => {
          const check = () => {
            const found = probe();
            if (found === undefined) return false;
            listeners.delete(check);
            clearTimeout(timer);
            resolveWait(found);
            return true;
          };
          const timer = setTimeout(() => {
            listeners.delete(check);
            const seen = stream.events.map((e) => `${e.event}#${e.id ?? ''}`).join(' ');
            rejectWait(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got: ${seen}`));
          }, timeoutMs);
          listeners.add(check);
          check();
        });
      }

      let buffer = '';
      let event = { type: '', data: [] as string[], id: undefined as string | undefined };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.search(/\r\n|\r|\n/);
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(
            buffer[newline] === '\r' && buffer[newline + 1] === '\n' ? newline + 2 : newline + 1,
          );
          if (line === '') {
            if (event.id !== undefined) stream.lastEventId = event.id;
            if (event.data.length > 0) {
              stream.events.push({
                event: event.type || 'message',
                data: event.data.join('\n'),
                id: event.id,
              });
            }
            event = { type: '', data: [], id: undefined };
          } else if (line.startsWith(':')) {
            stream.comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event.type = value;
            else if (field === 'data') event.data.push(value);
            else if (field === 'id') event.id = value;
          }
          newline = buffer.search(/\r\n|\r|\n/);
        }
        notify();
      });
      const end = () => {
        stream.ended = true;
        notify();
      };
      response.on('end', end);
      response.on('close', end);
      response.on('error', end);
      resolve(stream);
    });
    request.on('error', reject);
  });
}

/** Opens a stream and waits until its replay is over (the `ready` event). */
export async function openLive(
  url: string,
  options: { headers?: Record<string, string>; lastEventId?: string } = {},
): Promise<SseStream> {
  const stream = await openSse(url, options);
  if (stream.status !== 200) throw new Error(`GET ${url} answered ${stream.status}`);
  await stream.waitFor((e) => e.event === 'ready', 15_000, 'the ready event');
  return stream;
}
