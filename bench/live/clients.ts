import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
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

// Frames are scanned as bytes, without decoding them to strings: 500 clients receive 100 MB/s at the
// required load, and this process shares the machine's two cores with the servers it measures.
const ID = Buffer.from('id: ');
const CHANGE = Buffer.from('event: change\n');
const READY = Buffer.from('event: ready\n');
const NAME = Buffer.from('"name":"bench ');
const now = () => performance.timeOrigin + performance.now();

class Client {
  seen: Uint8Array;
  lastEventId: string | undefined;
  ready = false;
  reconnects = 0;
  received = 0;
  duplicates = 0;
  private rest: Buffer = EMPTY;
  private socket: net.Socket | undefined;
  /** Bytes of the answer not parsed yet: its head, then the size line of the next HTTP chunk. */
  private pending: Buffer = EMPTY;
  private inBody = false;
  /** Bytes left in the current HTTP chunk, then 2 for its CRLF. */
  private chunkLeft = 0;
  private crlfLeft = 0;
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

  // A plain socket speaking HTTP/1.1 rather than http.get: the SSE answer is a chunked stream, and Node's
  // HTTP client costs this process more than the parsing itself (it shares the cores with the servers).
  connect(): void {
    const url = new URL(this.url);
    const head = [
      `GET ${url.pathname}${url.search} HTTP/1.1`,
      `Host: ${url.host}`,
      'Accept: text/event-stream',
      ...(this.lastEventId ? [`Last-Event-ID: ${this.lastEventId}`] : []),
      '',
      '',
    ].join('\r\n');
    this.pending = EMPTY;
    this.inBody = false;
    this.chunkLeft = 0;
    this.crlfLeft = 0;
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(head));
    socket.on('data', (data: Buffer) => this.receive(data));
    socket.on('close', () => this.retry());
    socket.on('error', () => this.retry());
    this.socket = socket;
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
  }

  private receive(data: Buffer): void {
    let at = 0;
    if (!this.inBody) {
      this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.pending.toString('latin1', 0, end);
      if (!head.startsWith('HTTP/1.1 200') || !/\r\ntransfer-encoding: chunked/i.test(head)) {
        this.socket?.destroy();
        return;
      }
      this.inBody = true;
      data = this.pending;
      at = end + 4;
      this.pending = EMPTY;
    }
    while (at < data.length) {
      if (this.chunkLeft > 0) {
        const take = Math.min(this.chunkLeft, data.length - at);
        this.feed(data.subarray(at, at + take));
        this.chunkLeft -= take;
        at += take;
        if (this.chunkLeft === 0) this.crlfLeft = 2;
      } else if (this.crlfLeft > 0) {
        const take = Math.min(this.crlfLeft, data.length - at);
        this.crlfLeft -= take;
        at += take;
      } else {
        // The size line of the next chunk, maybe split across reads.
        const line =
          this.pending.length > 0 ? Buffer.concat([this.pending, data.subarray(at)]) : data.subarray(at);
        const end = line.indexOf('\r\n');
        if (end < 0) {
          this.pending = Buffer.from(line);
          return;
        }
        const size = Number.parseInt(line.toString('latin1', 0, end), 16);
        if (size === 0) {
          this.socket?.destroy();
          return;
        }
        const consumed = end + 2 - this.pending.length;
        this.pending = EMPTY;
        at += consumed;
        this.chunkLeft = size;
      }
    }
  }

  private retry(): void {
    if (this.closed || this.retrying) return;
    this.retrying = true;
    this.reconnects += 1;
    setTimeout(() => {
      this.retrying = false;
      this.rest = EMPTY;
      this.connect();
    }, 500);
  }

  private feed(chunk: Buffer): void {
    const data = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    let end = frameEnd(data, start);
    while (end >= 0) {
      this.frame(data, start, end);
      start = end + 2;
      end = frameEnd(data, start);
    }
    this.rest = start < data.length ? data.subarray(start) : EMPTY;
  }

  private frame(data: Buffer, start: number, end: number): void {
    if (data[start] === COLON) return;
    // The event line comes first, or right after the id line.
    let event = start;
    if (startsWith(data, event, ID)) {
      const lineEnd = data.indexOf(NEWLINE, start);
      this.lastEventId = data.toString('latin1', start + ID.length, lineEnd);
      event = lineEnd + 1;
    }
    if (startsWith(data, event, READY)) {
      if (!this.ready) {
        this.ready = true;
        this.onReady();
      }
      return;
    }
    if (!startsWith(data, event, CHANGE)) return;
    const name = data.indexOf(NAME, event);
    if (name < 0 || name >= end) return;
    // "bench <writer> <seq> t=<ms since the epoch>"
    let i = name + NAME.length;
    let writer = 0;
    for (; data[i] !== SPACE; i += 1) writer = writer * 10 + ((data[i] ?? 48) - 48);
    let seq = 0;
    for (i += 1; data[i] !== SPACE; i += 1) seq = seq * 10 + ((data[i] ?? 48) - 48);
    const sentAt = Number(data.toString('latin1', i + 3, data.indexOf(QUOTE, i)));
    const slot = writer * maxSeq + seq;
    this.received += 1;
    if (this.seen[slot]) {
      this.duplicates += 1;
      return;
    }
    this.seen[slot] = 1;
    this.onLatency(now() - sentAt);
  }
}

/** Where the blank line that ends the frame starting at `from` begins, or -1. Lines are found by their
 * single '\n' byte, a much faster search than the two-byte blank line. */
function frameEnd(data: Buffer, from: number): number {
  let newline = data.indexOf(NEWLINE, from);
  while (newline >= 0 && newline + 1 < data.length) {
    if (data[newline + 1] === NEWLINE) return newline;
    newline = data.indexOf(NEWLINE, newline + 1);
  }
  return -1;
}

function startsWith(data: Buffer, at: number, prefix: Buffer): boolean {
  return (
    at + prefix.length <= data.length && data.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0
  );
}

const EMPTY = Buffer.alloc(0);
const COLON = 0x3a;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const QUOTE = 0x22;

// Arrivals are timed when this process gets to them: its own event-loop delay inflates the latencies.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

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
      loopDelayP99: loopDelay.percentile(99) / 1e6,
      loopDelayMax: loopDelay.max / 1e6,
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
