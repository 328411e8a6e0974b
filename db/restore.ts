import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { holdDataDir, holderOf, stamp } from './backup';
import { createPGlite } from './embedded';

// `npm run restore -- <file>`: puts a backup back. Nothing is destroyed on the way:
// - Embedded: the server must be stopped; the backup is first opened in memory to check it, then the current
//   data directory is moved aside (<dir>.before-restore-<time>) and the backup unpacked in its place.
// - PostgreSQL (DATABASE_URL): pg_restore into an empty database (create it first), never over live data.

function fail(message: string): never {
  console.error(`restore: ${message}`);
  process.exit(1);
}

async function countEntries(options: { dataDir?: string; loadDataDir: Blob }): Promise<number> {
  const pglite = await createPGlite(options);
  try {
    const { rows } = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM entries');
    return rows[0]?.n ?? 0;
  } finally {
    await pglite.close();
  }
}

async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  const holder = holderOf(dataDir);
  if (holder) fail(`the server (pid ${holder}) is using ${dataDir}: stop it first`);
  const bytes = readFileSync(file);
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const blob = new Blob([bytes], { type: gzipped ? 'application/x-gzip' : 'application/x-tar' });
  let entries: number;
  try {
    entries = await countEntries({ loadDataDir: blob });
  } catch (error) {
    fail(`${file} is not a usable Atlas backup (${error instanceof Error ? error.message : String(error)})`);
  }
  let keptAside: string | null = null;
  if (existsSync(dataDir) && readdirSync(dataDir).some((name) => name !== 'atlas.lock')) {
    keptAside = `${dataDir}.before-restore-${stamp()}`;
    renameSync(dataDir, keptAside);
  }
  mkdirSync(dataDir, { recursive: true });
  const release = holdDataDir(dataDir);
  try {
    const restored = await countEntries({ dataDir, loadDataDir: blob });
    if (restored !== entries) fail(`the restored copy has ${restored} entries, the backup ${entries}`);
  } finally {
    release();
  }
  console.log(`restored ${file} into ${dataDir} (${entries} entries)`);
  if (keptAside) console.log(`the previous data directory was kept in ${keptAside}`);
}

async function restorePostgres(file: string, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: string | null }>(
      "SELECT to_regclass('public.entries')::text AS present",
    );
    if (rows[0]?.present) {
      fail(
        'the target database already has an atlas: restore into an empty one (createdb atlas_restored, then ' +
          'DATABASE_URL=postgres://…/atlas_restored npm run restore -- <file>) and point the server at it',
      );
    }
  } finally {
    await client.end();
  }
  const result = spawnSync(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, file],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.error) fail(`pg_restore is not available (${result.error.message}); install postgresql-client`);
  if (result.status !== 0) fail(`pg_restore exited with ${result.status}`);
  console.log(`restored ${file} into ${url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@')}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (!args[0] || args.includes('--help') || args.includes('-h')) {
    console.log(
      'usage: npm run restore -- <backup file>   (ATLAS_DATA_DIR or DATABASE_URL as for npm start)',
    );
    if (!args[0]) process.exit(1);
    return;
  }
  const file = resolve(args[0]);
  if (!existsSync(file)) fail(`no such file: ${file}`);
  const url = process.env.DATABASE_URL?.trim();
  if (url) await restorePostgres(file, url);
  else await restoreEmbedded(file, resolve(process.env.ATLAS_DATA_DIR?.trim() || './data'));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
