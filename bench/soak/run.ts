import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { type Acked, Participant, type SoakContext } from './participant';
import { freePort, type SoakServer, startServer } from './server';
import { SoakStats } from './stats';

// `npm run bench:soak`: participants writing and reading on one server process on a real PostgreSQL +
// PostGIS, the server killed with SIGKILL and restarted along the way; then every write the server
// acknowledged (201/200) is looked up in the database. Figures are printed; a lost write exits non-zero.
//
// SOAK_SECONDS (600), SOAK_PARTICIPANTS (300), SOAK_KILLS (2), SOAK_THINK_MS ("1000-4000"),
// BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres): a database is created and dropped.

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const participants = Number(process.env.SOAK_PARTICIPANTS ?? 300);
const kills = Number(process.env.SOAK_KILLS ?? 2);
const [thinkMin, thinkMax] = (process.env.SOAK_THINK_MS ?? '1000-4000').split('-').map(Number) as [
  number,
  number,
];
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_TOKEN = 'soak-admin-token-0123456789abcdef';

const database = `atlas_soak_${process.pid}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${database}`;

async function admin<T>(query: (client: pg.Client) => Promise<T>, url = adminUrl): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await query(client);
  } finally {
    await client.end();
  }
}

async function api(base: string, method: string, path: string, body?: unknown, token = ADMIN_TOKEN) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function main(): Promise<void> {
  await admin((c) => c.query(`CREATE DATABASE ${database}`));
  const port = await freePort();
  const env = {
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    ATLAS_DEMO: '0',
    ATLAS_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    // Every simulated phone shares 127.0.0.1: the per-address limits would count them as one. The per-token
    // write limit (ATLAS_RATE_LIMIT_WRITES) stays as configured.
    ATLAS_RATE_LIMIT_READS: '0',
    ATLAS_RATE_LIMIT_WRITES_PER_ADDRESS: '0',
  };
  let server: SoakServer | undefined;
  try {
    server = await startServer(env);
    const url = server.url;
    const facts = await admin(
      async (c) =>
        (
          await c.query<{ pg: string; postgis: string }>(
            'SELECT version() AS pg, postgis_lib_version() AS postgis',
          )
        ).rows[0],
      dbUrl.toString(),
    );
    const workshop = (await api(url, 'POST', '/api/workshops', {
      title: 'Test d’endurance',
      policy: 'open',
    })) as {
      code: string;
    };
    const tokens: { token: string; id: string }[] = [];
    await pool(
      Array.from({ length: participants }, (_, i) => i),
      20,
      async (i) => {
        const joined = (await api(
          url,
          'POST',
          `/api/workshops/${workshop.code}/join`,
          { displayName: `p${i}` },
          '',
        )) as {
          token: string;
          contributor: { id: string };
        };
        tokens.push({ token: joined.token, id: joined.contributor.id });
      },
    );

    const stats = new SoakStats();
    const ledger = new Map<string, Acked>();
    const started = Date.now();
    const ctx: SoakContext = {
      url: () => url,
      stats,
      ledger,
      deadline: started + seconds * 1000,
      thinkMs: [thinkMin, thinkMax],
    };
    console.log(
      `soak: ${participants} participants for ${seconds} s on ${facts?.pg.split(' ').slice(0, 2).join(' ')} + PostGIS ` +
        `${facts?.postgis}, think time ${thinkMin}-${thinkMax} ms, ${kills} SIGKILL + restart; ` +
        `${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at start`,
    );
    const runs = tokens.map((t) => new Participant(ctx, t.token, t.id).run());

    const downtimes: number[] = [];
    for (let k = 1; k <= kills; k++) {
      const at = started + ((seconds * 1000) / (kills + 1)) * k;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
      const killedAt = Date.now();
      await server.kill('SIGKILL');
      server = await startServer(env);
      downtimes.push(Date.now() - killedAt);
      console.log(
        `  ${((killedAt - started) / 1000).toFixed(0)} s: killed (SIGKILL), listening again after ${downtimes.at(-1)} ms`,
      );
    }
    await Promise.all(runs);
    const elapsed = (Date.now() - started) / 1000;

    const ids = [...ledger.keys()];
    const rows = await admin(
      async (c) =>
        (
          await c.query<{ id: string; version: number; name: string; revisions: string }>(
            `SELECT e.id, e.version, e.name, (SELECT count(*) FROM revisions r WHERE r.entry_id = e.id) AS revisions
             FROM entries e WHERE e.id = ANY($1::uuid[]) AND e.deleted_at IS NULL`,
            [ids],
          )
        ).rows,
      dbUrl.toString(),
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    let missing = 0;
    let behind = 0;
    let wrongName = 0;
    let revisionGaps = 0;
    let updatesAcked = 0;
    for (const [id, acked] of ledger) {
      const row = found.get(id);
      if (!row) {
        missing++;
        continue;
      }
      if (acked.version > 1) updatesAcked++;
      if (row.version < acked.version) behind++;
      else if (row.version === acked.version && row.name !== acked.name) wrongName++;
      if (Number(row.revisions) !== row.version) revisionGaps++;
    }
    const lost = missing + behind + wrongName;

    const served = stats.served();
    const errors5xx = stats.count((s) => s >= 500);
    const unexpected4xx = stats.count((s) => s >= 400 && s < 500 && s !== 412 && s !== 429);
    console.log(
      `requests served: ${served} in ${elapsed.toFixed(0)} s (${(served / elapsed).toFixed(0)}/s): ${stats.statusLine()}`,
    );
    console.log(
      `errors: ${stats.networkErrors} network errors (connection refused or reset while the server was down), ` +
        `${errors5xx} 5xx, ${unexpected4xx} unexpected 4xx, ${stats.count((s) => s === 429)} 429; ` +
        `${stats.retries} retried creations, ${stats.conflicts} 412 after a lost answer`,
    );
    console.log(
      `latency of answered requests: p50 ${stats.percentile(50).toFixed(0)} ms, p95 ${stats.percentile(95).toFixed(0)} ms, ` +
        `p99 ${stats.percentile(99).toFixed(0)} ms`,
    );
    console.log(
      `restarts: ${downtimes.map((d) => `${(d / 1000).toFixed(1)} s`).join(', ')} from SIGKILL to listening`,
    );
    console.log(
      `acknowledged writes: ${ledger.size} entries created, ${updatesAcked} of them edited; ` +
        `present afterwards: ${ledger.size - missing}/${ledger.size}; edits behind their acknowledged version: ${behind}; ` +
        `wrong name at the acknowledged version: ${wrongName}; entries whose revision count differs from their version: ${revisionGaps}`,
    );
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)`,
    );
    console.log(lost === 0 ? 'zero acknowledged writes lost' : `LOST ${lost} acknowledged writes`);
    if (lost > 0 || revisionGaps > 0) process.exitCode = 1;
  } finally {
    await server?.kill('SIGTERM');
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

await main();
