import type {
  ChangeEvent,
  PresenceEvent,
  ReadyEvent,
  StatusEvent,
} from '../../../server/contract/live-event';
import { isAfter, readCursor, writeCursor } from './live-cursor';

export type LiveState = 'connecting' | 'open' | 'retrying';

export interface LiveFeedOptions {
  /** Only this workshop's changes, with its presence and status events. */
  workshop?: string | null;
  /** A bearer token (EventSource cannot send headers, so it travels as `?token=`). */
  token?: string | null;
  /** Replay from the cursor this browser remembered (a fresh page load); false starts from now. */
  resume?: boolean;
  onChange(change: ChangeEvent, id: string): void;
  onPresence?(presence: PresenceEvent): void;
  onStatus?(status: StatusEvent): void;
  onReady?(ready: ReadyEvent): void;
  onState?(state: LiveState): void;
}

export interface LiveFeed {
  /** The last revision id received. */
  readonly lastId: string | null;
  close(): void;
}

const MAX_RETRY_MS = 30_000;

/**
 * The live feed (`GET /api/live`, DESIGN §5) through EventSource. After a drop it reopens the stream with
 * `?since=` set to the last revision id seen (what `Last-Event-ID` would carry, but also right after the
 * `ready` cursor and after an HTTP error, where EventSource gives up). The last id is remembered in
 * localStorage, so a fresh page load replays what it missed too.
 */
export function connectLive(options: LiveFeedOptions): LiveFeed {
  const scope = options.workshop ?? '*';
  let lastId: string | null = options.resume === false ? null : readCursor(scope);
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;

  const parse = <T>(event: MessageEvent): T | null => {
    try {
      return JSON.parse(event.data as string) as T;
    } catch {
      console.warn('live: an event that is not JSON was ignored', event.type);
      return null;
    }
  };

  const open = () => {
    options.onState?.('connecting');
    const params = new URLSearchParams();
    if (options.workshop) params.set('workshop', options.workshop);
    if (lastId) params.set('since', lastId);
    if (options.token) params.set('token', options.token);
    const query = params.toString();
    const es = new EventSource(`/api/live${query ? `?${query}` : ''}`);
    source = es;
    es.addEventListener('open', () => {
      failures = 0;
      options.onState?.('open');
    });
    es.addEventListener('change', (event) => {
      const id = event.lastEventId;
      const change = parse<ChangeEvent>(event);
      if (!change) return;
      if (id && isAfter(id, lastId)) {
        lastId = id;
        writeCursor(scope, id);
      }
      options.onChange(change, id);
    });
    es.addEventListener('presence', (event) => {
      const presence = parse<PresenceEvent>(event);
      if (presence) options.onPresence?.(presence);
    });
    es.addEventListener('status', (event) => {
      const status = parse<StatusEvent>(event);
      if (status) options.onStatus?.(status);
    });
    es.addEventListener('ready', (event) => {
      const ready = parse<ReadyEvent>(event);
      if (!ready) return;
      // The `ready` frame has no SSE id: remember its cursor so that a reconnect before any change still
      // replays from here rather than from "now".
      if (isAfter(ready.cursor, lastId)) {
        lastId = ready.cursor;
        writeCursor(scope, ready.cursor);
      }
      options.onReady?.(ready);
    });
    es.addEventListener('error', () => {
      if (closed) return;
      options.onState?.('retrying');
      // The browser would reconnect with Last-Event-ID, but only from the last change it saw, and it gives
      // up on an HTTP error: reopen with ?since= from the cursor instead, after a growing delay.
      es.close();
      failures += 1;
      const delay = Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(failures, 6)) * (0.8 + Math.random() * 0.4);
      retryTimer = setTimeout(open, delay);
    });
  };

  open();
  return {
    get lastId() {
      return lastId;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
