import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';

// Imports of GeoJSON side by side with ogr2ogr (GDAL, PG_USE_COPY=YES) into the same PostgreSQL database:
// 100,000 synthetic features, then the real points files of ../shared/data together. Ours validates,
// maps, detects duplicates (same source id, similar name within 100 m), writes revisions and themes;
// ogr2ogr copies the features into a table of its own with a spatial index. Then a full export of the
// atlas (GeoJSON and CSV, streamed) with the server's peak resident memory.

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SYNTHETIC = Number(process.env.BENCH_FEATURES ?? 100_000);
const DATA = resolve(process.cwd(), '../shared/data');
const TOKEN = 'bench-admin-token-0123456789abcdef';

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function synthetic(n: number): string {
  const rnd = random(42);
  const kinds = [
    'Fablab',
    'Coworking',
    'Tiers-lieu',
    'Repair café',
    'Espace public numérique',
    'Hackerspace',
  ];
  const words = [
    'des Communs',
    'du Quartier',
    'Solidaire',
    'de la Gare',
    'Partagé',
    'Numérique',
    'Coopératif',
  ];
  const features = [];
  for (let i = 1; i <= n; i++) {
    const kind = kinds[Math.floor(rnd() * kinds.length)];
    features.push({
      type: 'Feature',
      id: `syn-${i}`,
      geometry: { type: 'Point', coordinates: [-4.8 + rnd() * 13, 42.3 + rnd() * 8.7] },
      properties: {
        nom: `${kind} ${words[Math.floor(rnd() * words.length)]} n°${i}`,
        adresse: `${1 + Math.floor(rnd() * 200)} rue de l'Exemple`,
        code_postal: String(10000 + Math.floor(rnd() * 85000)),
        commune: `Commune ${Math.floor(rnd() * 30000)}`,
        site_web: `https://lieu-${i}.example.org`,
        typologie: kind,
        description: 'Un lieu ouvert où l’on fabrique, répare et apprend ensemble.',
      },
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** The real points files of ../shared/data as one GeoJSON FeatureCollection (JSON lists become Points). */
function realFiles(): { text: string; count: number } {
  const features: unknown[] = [];
  for (const file of ['CGET_TiersLieux_2019.geojson', 'maplabbzh_map_bzh_fablab.geojson']) {
    for (const f of JSON.parse(readFileSync(join(DATA, file), 'utf8')).features) {
      // One name column across the files, as a data keeper would map it.
      features.push({
        ...f,
        properties: { name: f.properties.NOM_TL ?? f.properties.name, ...f.properties },
      });
    }
  }
  const lists: Array<[string, string, string, string]> = [
    ['cnfs_lieux-mediation-numerique_2022_sans-aidants.json', 'latitude', 'longitude', 'nom'],
    ['hinaura_lieux-mediation-numerique_2023.json', 'latitude', 'longitude', 'nom'],
    ['hub-du-sud_lieux-mediation-numerique_20230517.json', 'latitude', 'longitude', 'nom'],
    ['mednum_hub-lo.json', 'c_lat_coor1', 'c_long_coor1', 'c_nom'],
    ['fablabs-io_france_2017.json', 'latitude', 'longitude', 'name'],
  ];
  for (const [file, lat, lng, name] of lists) {
    for (const record of JSON.parse(readFileSync(join(DATA, file), 'utf8')) as Array<
      Record<string, unknown>
    >) {
      const { geometry: _g, coordinates: _c, links: _l, ...rest } = record;
      const y = Number(record[lat]);
      const x = Number(record[lng]);
      features.push({
        type: 'Feature',
        geometry:
          Number.isFinite(x) && Number.isFinite(y) && record[lat] !== null
            ? { type: 'Point', coordinates: [x, y] }
            : null,
        properties: {
          name: record[name],
          ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === null ? null : String(v)])),
        },
      });
    }
  }
  return { text: JSON.stringify({ type: 'FeatureCollection', features }), count: features.length };
}

function ogr(file: string, dbName: string, table: string): number {
  const u = new URL(PG_URL);
  const conn = `PG:host=${u.hostname} port=${u.port || 5432} user=${decodeURIComponent(u.username) || 'postgres'} dbname=${dbName}${
    u.password ? ` password=${decodeURIComponent(u.password)}` : ''
  }`;
  const t0 = performance.now();
  const run = spawnSync(
    'ogr2ogr',
    [
      '-f',
      'PostgreSQL',
      conn,
      file,
      '-nln',
      table,
      '-overwrite',
      '-lco',
      'GEOMETRY_NAME=geom',
      '-lco',
      'SPATIAL_INDEX=GIST',
      '-nlt',
      'PROMOTE_TO_MULTI',
      '-t_srs',
      'EPSG:4326',
    ],
    { env: { ...process.env, PG_USE_COPY: 'YES' }, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`ogr2ogr failed: ${run.stderr}`);
  return performance.now() - t0;
}

type App = Awaited<ReturnType<typeof buildApp>>;

async function ours(app: App, text: string, sourceName: string) {
  const t0 = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' },
    query: { sourceName },
    payload: Buffer.from(text),
  });
  if (res.statusCode !== 202) throw new Error(`import refused: ${res.body}`);
  const id = res.json().id;
  for (;;) {
    const record = (
      await app.inject({
        method: 'GET',
        url: `/api/imports/${id}`,
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json();
    if (record.status !== 'running') return { ms: performance.now() - t0, record };
    await new Promise((r) => setTimeout(r, 50));
  }
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

async function exportSize(base: string, path: string) {
  let peak = rssMb();
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 20);
  const before = rssMb();
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  clearInterval(timer);
  return { ms: performance.now() - t0, mb: bytes / 1024 / 1024, before, peak };
}

const line = (label: string, ms: number, rows: number) =>
  `${label.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s ${String(Math.round((rows / ms) * 1000)).padStart(8)} rows/s`;

if (!spawnSync('ogr2ogr', ['--version']).stdout) {
  console.log('ogr2ogr is not installed (Debian: apt-get install gdal-bin); nothing measured.');
  process.exit(0);
}
console.log(execFileSync('ogr2ogr', ['--version'], { encoding: 'utf8' }).trim());
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
const dbName = `atlas_bench_import_${process.pid}`;
await admin.query(`CREATE DATABASE ${dbName}`);
const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-import-'));
const url = new URL(PG_URL);
url.pathname = `/${dbName}`;
const database = await openDatabase({ databaseUrl: url.toString() });
try {
  await migrateToLatest(database.db);
  await database.db
    .insertInto('themes')
    .values(
      ['fablab', 'coworking', 'tiers-lieu', 'repair-cafe', 'hackerspace'].map((slug) => ({
        slug,
        label_fr: slug,
        label_en: slug,
      })),
    )
    .execute();
  const config = readConfig({
    ATLAS_ADMIN_TOKEN: TOKEN,
    ATLAS_DEMO: '0',
    DATABASE_URL: url.toString(),
    ATLAS_RATE_LIMIT_IMPORTS: '0',
    ATLAS_RATE_LIMIT_WRITES: '0',
    ATLAS_RATE_LIMIT_READS: '0',
  });
  const app = await buildApp({ config, database, clientRoot: join(dir, 'no-client') });
  await app.ready();

  const sets: Array<{ name: string; text: string; count: number }> = [
    { name: `synthetic ${SYNTHETIC.toLocaleString('en')}`, text: synthetic(SYNTHETIC), count: SYNTHETIC },
  ];
  if (existsSync(DATA)) sets.push({ name: 'real files together', ...realFiles() });
  for (const [i, set] of sets.entries()) {
    const file = join(dir, `set-${i}.geojson`);
    writeFileSync(file, set.text);
    console.log(
      `\n${set.name}: ${set.count.toLocaleString('en')} features, ${(set.text.length / 1024 / 1024).toFixed(1)} MB of GeoJSON`,
    );
    // Figures on a shared machine move with its load: print it, and repeat a run that looks off.
    console.log(
      `  load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const ogrMs = ogr(file, dbName, `ogr_set_${i}`);
    const run = await ours(app, set.text, `bench-${i}`);
    const c = run.record.counts;
    console.log(line('ogr2ogr -f PostgreSQL (COPY)', ogrMs, set.count));
    console.log(line('atlas POST /api/imports', run.ms, set.count));
    console.log(
      `  ratio atlas/ogr2ogr: ${(run.ms / ogrMs).toFixed(2)}   (${c.created} created, ${c.duplicate} duplicates, ${c.rejected} rejected, ${c.toLocate} to locate; status ${run.record.status})`,
    );
    const ms = run.record.report.timings ?? {};
    console.log(
      `  atlas phases: read+map ${ms.prepare} ms, classify ${ms.classify} ms, write ${ms.write} ms`,
    );
  }

  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const total = Number(
    (await database.pool.query('SELECT count(*) FROM entries WHERE deleted_at IS NULL')).rows[0].count,
  );
  console.log(
    `\nexports of the whole atlas (${total.toLocaleString('en')} entries), streamed; server RSS before → peak`,
  );
  for (const path of ['/api/export.geojson', '/api/export.csv']) {
    const e = await exportSize(address, path);
    console.log(
      `${path.padEnd(28)} ${(e.ms / 1000).toFixed(2).padStart(7)} s ${e.mb.toFixed(1).padStart(7)} MB   RSS ${e.before} → ${e.peak} MB`,
    );
  }
  await app.close();
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
