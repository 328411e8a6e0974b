import http from 'node:http';
import { percentile } from './stats';

// The live bench's client process: opens many SSE connections (as EventSource would: reconnecting with
// Last-Event-ID when one drops), and measures for every bench write when each client received it.
// Driven by the runner over IPC: `start` → `ready`; `report` (with the keys of the writes that succeeded)
// → the figures. A write's key is its writer and sequence number; its send time is in the entry's name.

interface Start {
  type: 'start';
  targets: { url: string }[];
  writers: number;
  maxSeq: number;
}
interface Report {
  type: 'report';
  ok: number[];
}

const NAME = /"name":"bench (\d+) (\d+) t=([0-9.]+)"/;
const now = () => performance.timeOrigin + performance.now();

class Client {
  seen: Uint8Array;
  lastEventId: string | undefined;
  ready = false;
  reconnects = 0;
  received = 0;
  duplicates = 0;
  private buffer = '';
  private request: http.ClientRequest | undefined;
  private closed = false;
  private retrying = false;

  constructor(
    private readonly url: string,
    slots: number,
    private readonly onLatency: (ms: number) => void,
    private readonly onReady: () => void,
  ) {
    this.seen = new Uint8Array(slots);
  }

  connect(): void {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
    this.request = http.get(this.url, { headers, agent: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.feed(chunk));
      res.on('close', () => this.retry());
    });
    this.request.on('error', () => this.retry());
  }

  close(): void {
    this.closed = true;
    this.request?.destroy();
  }

  private retry(): void {
    if (this.closed || this.retrying) return;
    this.retrying = true;
    this.reconnects += 1;
    setTimeout(() => {
      this.retrying = false;
      this.buffer = '';
      this.connect();
    }, 500);
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.frame(frame);
      end = this.buffer.indexOf('\n\n');
    }
  }

  private frame(frame: string): void {
    if (frame.startsWith(':')) return;
    const id = /^id: (\d+)$/m.exec(frame)?.[1];
    if (id) this.lastEventId = id;
    if (frame.includes('\nevent: ready\n') || frame.startsWith('event: ready\n')) {
      if (!this.ready) {
        this.ready = true;
        this.onReady();
      }
      return;
    }
    if (!frame.includes('event: change\n')) return;
    const match = NAME.exec(frame);
    if (!match) return;
    const writer = Number(match[1]);
    const seq = Number(match[2]);
    const slot = writer * maxSeq + seq;
    this.received += 1;
    if (this.seen[slot]) {
      this.duplicates += 1;
      return;
    }
    this.seen[slot] = 1;
    this.onLatency(now() - Number(match[3]));
  }
}

let clients: Client[] = [];
let maxSeq = 0;
let latencies = new Float64Array(1 << 20);
let count = 0;

function recordLatency(ms: number): void {
  if (count === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[count] = ms;
  count += 1;
}

process.on('message', (message: Start | Report | { type: 'stop' }) => {
  if (message.type === 'start') {
    maxSeq = message.maxSeq;
    let ready = 0;
    clients = message.targets.map(
      (t) =>
        new Client(t.url, message.writers * message.maxSeq, recordLatency, () => {
          ready += 1;
          if (ready === message.targets.length) process.send?.({ type: 'ready' });
        }),
    );
    // Open gradually, like a room of people arriving, rather than 500 sockets in one tick.
    clients.forEach((c, i) => {
      setTimeout(() => c.connect(), Math.floor(i / 50) * 50);
    });
  } else if (message.type === 'report') {
    const ok = new Uint8Array(clients[0]?.seen.length ?? 0);
    for (const slot of message.ok) ok[slot] = 1;
    let lost = 0;
    let unexpected = 0;
    for (const c of clients) {
      for (let slot = 0; slot < ok.length; slot += 1) {
        if (ok[slot] && !c.seen[slot]) lost += 1;
        if (!ok[slot] && c.seen[slot]) unexpected += 1;
      }
    }
    const sorted = latencies.subarray(0, count).sort();
    process.send?.({
      type: 'report',
      clients: clients.length,
      received: clients.reduce((n, c) => n + c.received, 0),
      duplicates: clients.reduce((n, c) => n + c.duplicates, 0),
      reconnects: clients.reduce((n, c) => n + c.reconnects, 0),
      lost,
      unexpected,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
    });
  } else if (message.type === 'stop') {
    for (const c of clients) c.close();
    process.exit(0);
  }
});

/** How many deliveries so far; the runner polls it to know when everything has arrived. */
setInterval(() => {
  if (clients.length > 0) process.send?.({ type: 'progress', unique: count });
}, 250).unref();
