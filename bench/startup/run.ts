import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runServer } from '../../test/helpers/server-runner';

// Start and restart times and resident memory of the server on each engine, with the demo atlas.
// The first start creates the database (migrations, PostGIS, demo seed); a restart finds it ready.

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function measure(label: string, env: Record<string, string>) {
  const t0 = performance.now();
  const server = await runServer(env, 300_000);
  const ms = performance.now() - t0;
  const res = await fetch(`${server.url}/api/entries?limit=1000`).catch(() => undefined);
  await res?.arrayBuffer();
  const rss = rssMb(server.process.pid!);
  await server.stop();
  console.log(
    `${label.padEnd(34)} ${String(Math.round(ms)).padStart(7)} ms   RSS ${String(rss).padStart(5)} MB`,
  );
}

async function withPostgres(run: (url: string) => Promise<void>) {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const name = `atlas_bench_startup_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    await run(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

console.log('process start to listening (includes tsx loading), then RSS after one 1,000-entry read\n');
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-startup-'));
try {
  await measure('embedded: first start (+demo)', { ATLAS_DATA_DIR: dataDir });
  await measure('embedded: restart', { ATLAS_DATA_DIR: dataDir });
  await measure('embedded: restart', { ATLAS_DATA_DIR: dataDir });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
try {
  await withPostgres(async (url) => {
    await measure('postgres: first start (+demo)', { DATABASE_URL: url });
    await measure('postgres: restart', { DATABASE_URL: url });
    await measure('postgres: restart', { DATABASE_URL: url });
  });
} catch (error) {
  console.log(`postgres: not measured (${error instanceof Error ? error.message : String(error)})`);
}
