import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { cpuSeconds, ms, percentile, rssMb } from './stats';

// The live feed under a workshop's load (issue 4): CLIENTS live clients in a second process, WRITERS
// participants writing RATE entries a second each for SECONDS, against one server process on PostgreSQL,
// then two (clients and writers split across them), then the embedded engine. For each write, the time from
// just before its POST to its arrival at each client; events lost and duplicated; server memory and CPU.

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 500);
const WRITERS = Number(process.env.BENCH_LIVE_WRITERS ?? 20);
const RATE = Number(process.env.BENCH_LIVE_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const ONLY = process.env.BENCH_LIVE_ONLY; // "postgres-1", "postgres-2" or "embedded"
// Extra Node flags for the server processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
const SERVER_NODE_ARGS = (process.env.BENCH_LIVE_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const ADMIN_TOKEN = `bench-admin-${randomUUID()}`;
const MAX_SEQ = RATE * SECONDS + 10;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Scenario {
  name: string;
  servers: number;
  engine: 'postgres' | 'embedded';
}

interface Server {
  url: string;
  child: ChildProcess;
  /** What the server logged (warnings and errors only). */
  output: string[];
  stop(): Promise<void>;
}

const SERVER_ENV = {
  ATLAS_ADMIN_TOKEN: ADMIN_TOKEN,
  ATLAS_DEMO: '0',
  LOG_LEVEL: 'warn',
  // The abuse limits would throttle a bench that sends everything from one address.
  ATLAS_RATE_LIMIT_READS: '0',
  ATLAS_RATE_LIMIT_WRITES: '0',
  ATLAS_RATE_LIMIT_WRITES_PER_ADDRESS: '0',
  ATLAS_LIVE_MAX_PER_ADDRESS: '0',
};

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', here('./server.ts')], {
    env: { ...process.env, ...SERVER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = /^\{"listening":"([^"]+)"\}$/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
    }
    void exited.then(() => reject(new Error(`server exited:\n${output.join('\n')}`)));
  });
  return {
    url,
    child,
    output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function api<T>(
  url: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function run(scenario: Scenario): Promise<void> {
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  let admin: pg.Client | undefined;
  const dbName = `atlas_bench_live_${process.pid}`;
  if (scenario.engine === 'postgres') {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
    const handle = await openDatabase({ databaseUrl, poolSize: 2 });
    await migrateToLatest(handle.db);
    await handle.close();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-live-'));
  }

  const servers: Server[] = [];
  let clients: ChildProcess | undefined;
  try {
    for (let i = 0; i < scenario.servers; i += 1) {
      servers.push(
        await startServer(databaseUrl ? { DATABASE_URL: databaseUrl } : { ATLAS_DATA_DIR: dataDir ?? '' }),
      );
    }
    const urls = servers.map((s) => s.url);
    const created = await api<{ code: string }>(`${urls[0]}/api/workshops`, {
      method: 'POST',
      token: ADMIN_TOKEN,
      body: { title: 'Bench live', policy: 'open' },
    });
    if (created.status !== 201)
      throw new Error(`workshop: ${created.status} ${JSON.stringify(created.body)}`);
    const code = created.body.code;
    const join = async (i: number) => {
      const res = await api<{ token: string }>(`${urls[i % urls.length]}/api/workshops/${code}/join`, {
        method: 'POST',
        body: { displayName: `p${i}` },
      });
      if (res.status !== 201) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    };
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS + WRITERS; i += 20) {
      tokens.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, CLIENTS + WRITERS - i) }, (_, k) => join(i + k)),
        )),
      );
    }
    const writerTokens = tokens.slice(0, WRITERS);
    const clientTokens = tokens.slice(WRITERS);

    clients = fork(here('./clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const child = clients;
    const messages: { type: string; [key: string]: unknown }[] = [];
    let progress = 0;
    child.on('message', (m: { type: string; unique?: number }) => {
      if (m.type === 'progress') progress = m.unique ?? 0;
      else messages.push(m);
    });
    const nextMessage = async (type: string, timeoutMs: number) => {
      const t0 = Date.now();
      for (;;) {
        const found = messages.findIndex((m) => m.type === type);
        if (found >= 0) return messages.splice(found, 1)[0] as Record<string, number>;
        if (Date.now() - t0 > timeoutMs) throw new Error(`clients: no ${type} after ${timeoutMs} ms`);
        await sleep(50);
      }
    };
    child.send({
      type: 'start',
      writers: WRITERS,
      maxSeq: MAX_SEQ,
      targets: clientTokens.map((token, i) => ({ url: `${urls[i % urls.length]}/api/live?token=${token}` })),
    });
    await nextMessage('ready', 120_000);
    await sleep(1_000);

    const cpu0 = servers.map((s) => cpuSeconds(s.child.pid ?? 0));
    const peak = servers.map((s) => rssMb(s.child.pid ?? 0));
    const sampler = setInterval(() => {
      servers.forEach((s, i) => {
        peak[i] = Math.max(peak[i] ?? 0, rssMb(s.child.pid ?? 0));
      });
    }, 500);

    const ok: number[] = [];
    const writeLatencies: number[] = [];
    let failed = 0;
    const failures = new Map<string, number>();
    const inflight = new Set<Promise<void>>();
    const start = performance.now();
    // Each writer is one participant's device: a couple of kept-alive connections, as a browser's outbox
    // sends (writes due meanwhile wait their turn, and their latency counts from when they were due).
    const agents = Array.from({ length: WRITERS }, () => new http.Agent({ keepAlive: true, maxSockets: 2 }));
    const writer = async (w: number) => {
      const url = urls[w % urls.length];
      for (let seq = 0; seq < RATE * SECONDS; seq += 1) {
        const due = start + (seq * 1000) / RATE + (w * 1000) / RATE / WRITERS;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const t0 = performance.timeOrigin + performance.now();
        const name = `bench ${w} ${seq} t=${t0.toFixed(3)}`;
        const lng = -5 + Math.random() * 13;
        const lat = 42 + Math.random() * 9;
        const body = {
          type: 'Feature',
          id: randomUUID(),
          geometry: { type: 'Point', coordinates: [lng, lat] },
          properties: { kind: 'place', name },
        };
        const p = post(`${url}/api/entries`, writerTokens[w] ?? '', body, agents[w] as http.Agent)
          .then((res) => {
            if (res.status === 201) {
              ok.push(w * MAX_SEQ + seq);
              writeLatencies.push(performance.timeOrigin + performance.now() - t0);
            } else {
              failed += 1;
              const reason = `HTTP ${res.status}`;
              failures.set(reason, (failures.get(reason) ?? 0) + 1);
            }
          })
          .catch((error: Error & { cause?: { code?: string } }) => {
            failed += 1;
            const reason = error.cause?.code ?? error.message;
            failures.set(reason, (failures.get(reason) ?? 0) + 1);
          })
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await Promise.all(inflight);
    for (const agent of agents) agent.destroy();
    const writeSeconds = (performance.now() - start) / 1000;

    // Wait until deliveries stop coming (nothing new for 3 s, and at least as many as expected), or 60 s:
    // what is missing then is lost. Writes answered with an error may still have been delivered, so the
    // count alone cannot say when everything expected is in.
    const expected = ok.length * CLIENTS;
    const t1 = Date.now();
    let last = -1;
    let stableSince = Date.now();
    while (Date.now() - t1 < 60_000) {
      if (progress !== last) {
        last = progress;
        stableSince = Date.now();
      } else if (progress >= expected && Date.now() - stableSince > 3_000) break;
      await sleep(100);
    }
    clearInterval(sampler);
    const cpu = servers.map((s, i) => cpuSeconds(s.child.pid ?? 0) - (cpu0[i] ?? 0));
    const rss = servers.map((s) => rssMb(s.child.pid ?? 0));
    const elapsed = (performance.now() - start) / 1000;

    child.send({ type: 'report', ok });
    const report = await nextMessage('report', 60_000);
    writeLatencies.sort((a, b) => a - b);
    console.log(`\n## ${scenario.name}`);
    console.log(
      `writes: ${ok.length} ok, ${failed} failed${failures.size ? ` (${[...failures].map(([r, n]) => `${r}: ${n}`).join(', ')})` : ''}, in ${writeSeconds.toFixed(1)} s (${(ok.length / writeSeconds).toFixed(0)}/s); ` +
        `POST latency p50 ${ms(percentile(writeLatencies, 50))}, p99 ${ms(percentile(writeLatencies, 99))}`,
    );
    console.log(
      `deliveries: ${report.received} to ${report.clients} clients (expected ${expected}); ` +
        `lost ${report.lost}, duplicated ${report.duplicates}, unexpected ${report.unexpected}, reconnects ${report.reconnects}`,
    );
    console.log(
      `write-to-delivery latency: p50 ${ms(report.p50 ?? Number.NaN)}, p95 ${ms(report.p95 ?? Number.NaN)}, ` +
        `p99 ${ms(report.p99 ?? Number.NaN)}, max ${ms(report.max ?? Number.NaN)}`,
    );
    console.log(
      `client process event-loop delay: p99 ${ms(report.loopDelayP99 ?? Number.NaN)}, max ${ms(report.loopDelayMax ?? Number.NaN)}`,
    );
    const errors = new Map<string, number>();
    for (const line of servers.flatMap((s) => s.output)) {
      const message = /"msg":"([^"]+)"/.exec(line)?.[1];
      const cause = /"message":"([^"]{0,120})/.exec(line)?.[1];
      if (message)
        errors.set(
          `${message}${cause ? `: ${cause}` : ''}`,
          (errors.get(`${message}${cause ? `: ${cause}` : ''}`) ?? 0) + 1,
        );
    }
    for (const [text, n] of errors) console.log(`server log: ${n} × ${text}`);
    console.log(`machine load average (1 min) at the end: ${loadavg()[0]?.toFixed(1)} on 2 cores`);
    servers.forEach((_, i) => {
      console.log(
        `server ${i + 1}: RSS ${rss[i]?.toFixed(0)} MB (peak ${peak[i]?.toFixed(0)} MB), ` +
          `CPU ${cpu[i]?.toFixed(1)} s over ${elapsed.toFixed(1)} s (${(((cpu[i] ?? 0) / elapsed) * 100).toFixed(0)}% of one core)`,
      );
    });
  } finally {
    clients?.send({ type: 'stop' });
    for (const s of servers) await s.stop().catch(() => {});
    servers.forEach((s, i) => {
      const line = s.output.find((l) => l.startsWith('{"eventLoopDelay"'));
      if (!line) return;
      const { p50, p99, max } = (JSON.parse(line) as { eventLoopDelay: Record<string, number> })
        .eventLoopDelay;
      console.log(`server ${i + 1}: event-loop delay p50 ${p50} ms, p99 ${p99} ms, max ${max} ms`);
    });
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A JSON POST on a given agent; resolves with the status once the answer is read. */
function post(url: string, token: string, body: unknown, agent: http.Agent): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    request.on('error', (error: Error & { code?: string }) =>
      reject(Object.assign(new Error(error.message), { cause: { code: error.code } })),
    );
    request.end(JSON.stringify(body));
  });
}

function sleep(msDelay: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msDelay));
}

const scenarios: Scenario[] = [
  { name: 'postgres-1', servers: 1, engine: 'postgres' },
  { name: 'postgres-2', servers: 2, engine: 'postgres' },
  { name: 'embedded', servers: 1, engine: 'embedded' },
];
console.log(
  `live bench: ${CLIENTS} SSE clients (one process), ${WRITERS} writers × ${RATE} writes/s × ${SECONDS} s; ` +
    `${process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : PG_URL} for PostgreSQL`,
);
console.log('machine: 2 cores shared by the servers, the client process and this runner (its writers)');
for (const scenario of scenarios) {
  if (ONLY && scenario.name !== ONLY) continue;
  try {
    await run(scenario);
  } catch (error) {
    console.log(`\n## ${scenario.name}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
