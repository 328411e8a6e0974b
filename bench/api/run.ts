import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { formatRow, type LoadResult, load } from './load';
import { freePort, type Running, start } from './processes';
import { existingCount, seedBenchDatabase, withDatabase } from './seed';
import { CHILD_THEMES, loadDepartements, PARENT_THEMES, random } from './synthetic';

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
  const departements = loadDepartements();
  const rhone = departements.find((d) => d.code === '69')?.bbox ?? FALLBACK_RHONE;
  const bbox = rhone.map((v) => v.toFixed(4)).join(',');
  const varying = new VaryingPaths(
    departements.length > 0 ? departements.map((d) => d.bbox) : [FALLBACK_RHONE],
  );

  console.log(`API read benchmark: ${TOTAL.toLocaleString('en')} entries, ${seededNote}`);
  console.log(
    `${versions}; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s per case after a 2 s warm-up; target p99 < ${TARGET_P99_MS} ms`,
  );
  console.log('"alone p50": one connection for 3 s, the cost of a request without queueing behind others\n');
  console.log(
    `${'case'.padEnd(50)}  ${'alone p50'.padStart(10)}  ${'p50'.padStart(10)}  ${'p99'.padStart(11)}  ${'throughput'.padStart(13)}  ${'per answer'.padStart(10)}`,
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
    const origin = `http://127.0.0.1:${port}`;
    const base = `${origin}/api/entries`;
    const cases: [string, string | { origin: string; paths: string[] }][] = [
      ['bbox Rhône (69), first 100 [same URL]', `${base}?bbox=${bbox}`],
      ['bbox any département, first 100 [each URL new]', { origin, paths: varying.bbox(100) }],
      ['bbox any département, all (limit 1000) [each URL new]', { origin, paths: varying.bbox(1000) }],
      ['near Lyon 10 km [same URL]', `${base}?near=4.8357,45.7640,10000`],
      ['near anywhere 10 km [each URL new]', { origin, paths: varying.near() }],
      ['q="fablab rhône" [same URL]', `${base}?q=${encodeURIComponent('fablab rhône')}`],
      ['q="<type> <département>" [each URL new]', { origin, paths: varying.search() }],
      [
        'q="repair café", 23 % match [each URL new]',
        { origin, paths: varying.limits('q=repair%20caf%C3%A9') },
      ],
      ['theme=numerique (parent) [same URL]', `${base}?theme=numerique`],
      ['theme=<any parent> [each URL new]', { origin, paths: varying.themes() }],
    ];
    for (const [label, target] of cases) {
      const result = await load(`ours: ${label}`, target, options);
      ours.push(result);
      console.log(formatRow(result, TARGET_P99_MS));
    }
  } finally {
    await server.stop();
  }

  const peer = await runPeer(dbUrl, varying, options);
  const oursBbox = ours[2];
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
  varying: VaryingPaths,
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
    const paths = varying
      .boxes()
      .map((b) => `/v1/geojson/entries?geom_column=geom&columns=id,name,kind&precision=7&bounds=${b}`);
    return await load(
      'peer: dirt-simple /v1/geojson, a département',
      { origin: `http://127.0.0.1:${port}`, paths },
      options,
    );
  } catch (error) {
    console.log(`peer not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return null;
  } finally {
    await peer?.stop();
  }
}

/**
 * Request paths that all differ (a département's box moved by a few meters, a random point, a search
 * term), so that no answer is shared between two requests: what the database and the server really cost.
 */
class VaryingPaths {
  readonly #rand = random(7);
  constructor(readonly departements: [number, number, number, number][]) {}

  #pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.#rand() * list.length)]!;
  }
  #jitter(): number {
    return (this.#rand() - 0.5) * 0.001;
  }
  boxes(count = 5_000): string[] {
    return Array.from({ length: count }, () => {
      const d = this.#jitter();
      return this.#pick(this.departements)
        .map((v) => (v + d).toFixed(5))
        .join(',');
    });
  }
  bbox(limit: number): string[] {
    return this.boxes().map((b) => `/api/entries?bbox=${b}&limit=${limit}`);
  }
  near(): string[] {
    return Array.from({ length: 5_000 }, () => {
      const [w, s, e, n] = this.#pick(this.departements);
      const lng = w + this.#rand() * (e - w);
      const lat = s + this.#rand() * (n - s);
      return `/api/entries?near=${lng.toFixed(5)},${lat.toFixed(5)},10000`;
    });
  }
  search(): string[] {
    const types = ['fablab', 'repair café', 'coworking', 'hackerspace', 'ressourcerie', 'makerspace'];
    const places = [
      'ain',
      'aisne',
      'gironde',
      'rhône',
      'finistère',
      'nord',
      'var',
      'isère',
      'loire',
      'savoie',
    ];
    return Array.from({ length: 5_000 }, (_, i) => {
      const q = encodeURIComponent(`${this.#pick(types)} ${this.#pick(places)}`);
      return `/api/entries?q=${q}&updatedSince=${past(i)}`;
    });
  }
  /** The same query with a different `updatedSince` long past: each URL differs, the work is the same. */
  limits(query: string): string[] {
    return Array.from({ length: 5_000 }, (_, i) => `/api/entries?${query}&updatedSince=${past(i)}`);
  }
  themes(): string[] {
    const slugs = [...PARENT_THEMES, ...Object.values(CHILD_THEMES).flat()];
    return Array.from(
      { length: 5_000 },
      (_, i) => `/api/entries?theme=${this.#pick(slugs)}&updatedSince=${past(i)}`,
    );
  }
}

/** An instant in 2001, different for each `i`: as a filter it keeps every entry. */
function past(i: number): string {
  return new Date(Date.UTC(2001, 0, 1) + i * 1000).toISOString();
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
