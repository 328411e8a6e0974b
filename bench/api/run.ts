import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { formatRow, type LoadResult, load } from './load';
import { freePort, type Running, start } from './processes';
import { existingCount, seedBenchDatabase, withDatabase } from './seed';
import { loadDepartements } from './synthetic';

// Read latency and throughput of GET /api/entries on 100,000 entries in PostgreSQL + PostGIS, at 50
// concurrent connections, side by side with dirt-simple-postgis-http-api's GeoJSON bbox endpoint on the
// same database when a copy of it is in /tmp/peer-dirt-simple. Set BENCH_REUSE=1 to keep a seeded database.

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'atlas_bench';
const TOTAL = Number(process.env.BENCH_ENTRIES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const TARGET_P99_MS = 50;
const PEER_DIR = '/tmp/peer-dirt-simple';
const FALLBACK_RHONE: [number, number, number, number] = [4.24, 45.45, 5.16, 46.31];

async function main() {
  const dbUrl = withDatabase(ADMIN_URL, DB_NAME);
  const t0 = performance.now();
  const count = process.env.BENCH_REUSE ? await existingCount(ADMIN_URL, DB_NAME) : null;
  let seededNote = `reused (${count} entries)`;
  if (count === null || count < TOTAL) {
    const { cget } = await seedBenchDatabase(ADMIN_URL, DB_NAME, TOTAL);
    seededNote = `seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${cget} real CGET places)`;
  }
  const versions = await databaseVersions(dbUrl);
  const rhone = loadDepartements().find((d) => d.code === '69')?.bbox ?? FALLBACK_RHONE;
  const bbox = rhone.map((v) => v.toFixed(4)).join(',');

  console.log(`API read benchmark: ${TOTAL.toLocaleString('en')} entries, ${seededNote}`);
  console.log(
    `${versions}; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s per case after a 2 s warm-up; target p99 < ${TARGET_P99_MS} ms\n`,
  );
  console.log(
    `${'case'.padEnd(44)}  ${'p50'.padStart(10)}  ${'p99'.padStart(11)}  ${'throughput'.padStart(13)}  ${'per answer'.padStart(10)}`,
  );

  const options = { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 2 };
  const ours: LoadResult[] = [];
  const port = await freePort();
  const server = await start(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      ATLAS_DEMO: '0',
      LOG_LEVEL: 'warn',
      ATLAS_RATE_LIMIT_READS: '0',
      ATLAS_ADMIN_TOKEN: '',
    },
    readyUrl: `http://127.0.0.1:${port}/api/health`,
  });
  try {
    const base = `http://127.0.0.1:${port}/api/entries`;
    const cases: [string, string][] = [
      ['ours: bbox Rhône (69), first 100', `${base}?bbox=${bbox}`],
      ['ours: bbox Rhône (69), limit=1000 (all of it)', `${base}?bbox=${bbox}&limit=1000`],
      ['ours: near Lyon 10 km, nearest first', `${base}?near=4.8357,45.7640,10000`],
      ['ours: q="repair café" (broad), ranked', `${base}?q=${encodeURIComponent('repair café')}`],
      ['ours: q="fablab rhône" (narrow), ranked', `${base}?q=${encodeURIComponent('fablab rhône')}`],
      ['ours: theme=numerique (parent + children)', `${base}?theme=numerique`],
    ];
    for (const [label, url] of cases) {
      const result = await load(label, url, options);
      ours.push(result);
      console.log(formatRow(result, TARGET_P99_MS));
    }
  } finally {
    await server.stop();
  }

  const peer = await runPeer(dbUrl, bbox, options);
  const oursBbox = ours[1];
  if (peer && oursBbox) {
    console.log(formatRow(peer));
    const ratio = oursBbox.rps / Math.max(1, peer.rps);
    console.log(
      `\nbbox throughput, whole département: ours ${Math.round(oursBbox.rps)} req/s vs peer ${Math.round(peer.rps)} req/s = ${ratio.toFixed(2)}x (target 1.5x)`,
    );
  }
}

async function runPeer(
  dbUrl: string,
  bbox: string,
  options: { connections: number; seconds: number; warmupSeconds: number },
): Promise<LoadResult | null> {
  if (!existsSync(PEER_DIR)) {
    console.log(
      `peer not run: ${PEER_DIR} does not exist (dirt-simple-postgis-http-api is never committed here)`,
    );
    return null;
  }
  if (!existsSync(`${PEER_DIR}/node_modules`)) {
    console.log(`peer not run: install its dependencies first (cd ${PEER_DIR} && npm install --omit=dev)`);
    return null;
  }
  const port = await freePort();
  let peer: Running | undefined;
  try {
    peer = await start(process.execPath, ['index.js'], {
      cwd: PEER_DIR,
      env: { POSTGRES_CONNECTION: dbUrl, SERVER_PORT: String(port), SERVER_HOST: '127.0.0.1' },
      readyUrl: `http://127.0.0.1:${port}/v1/list_tables`,
    });
    const url = `http://127.0.0.1:${port}/v1/geojson/entries?geom_column=geom&columns=id,name,kind&precision=7&bounds=${bbox}`;
    return await load('peer: dirt-simple /v1/geojson bbox Rhône (all)', url, options);
  } catch (error) {
    console.log(`peer not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return null;
  } finally {
    await peer?.stop();
  }
}

async function databaseVersions(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pg: string; postgis: string }>(
      "SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis",
    );
    return `PostgreSQL ${rows[0]?.pg}, PostGIS ${rows[0]?.postgis}`;
  } finally {
    await client.end();
  }
}

await main();
