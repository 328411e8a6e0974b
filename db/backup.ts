import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readControlFile } from '../server/features/backups/control-file';
import { BACKUP_KEY_HEADER } from '../server/features/backups/index';
import { createPGlite } from './embedded';

// `npm run backup [-- <file>]`: a consistent copy of the database.
// - Embedded, server running: the server takes the copy itself (GET /api/admin/backup, authorized by the key in
//   the data directory's control file): one synchronous pass of the single-threaded engine after a CHECKPOINT,
//   so no write interleaves with it.
// - Embedded, server stopped: this process opens the data directory (holding its lock) and takes the copy.
// - PostgreSQL (DATABASE_URL): pg_dump in its custom format, itself a consistent snapshot (one transaction).

/** The pid of a live process that holds the embedded data directory, or null. */
export function holderOf(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'atlas.lock'), 'utf8'));
    if (!pid || pid === process.pid) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Takes the data directory's lock for this process; the returned function gives it back. */
export function holdDataDir(dataDir: string): () => void {
  const lock = join(dataDir, 'atlas.lock');
  writeFileSync(lock, String(process.pid));
  return () => {
    if (existsSync(lock) && readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
  };
}

export function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
}

function fail(message: string): never {
  console.error(`backup: ${message}`);
  process.exit(1);
}

async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  if (!existsSync(join(dataDir, 'PG_VERSION')) && !existsSync(join(dataDir, 'base'))) {
    fail(`no embedded database in ${dataDir} (set ATLAS_DATA_DIR)`);
  }
  const holder = holderOf(dataDir);
  if (holder) {
    const control = readControlFile(dataDir);
    if (!control || control.pid !== holder) {
      fail(
        `the server (pid ${holder}) holds ${dataDir} but has not published its address yet; retry in a moment`,
      );
    }
    const res = await fetch(`${control.url}/api/admin/backup`, {
      headers: { [BACKUP_KEY_HEADER]: control.backupKey },
    });
    if (!res.ok) fail(`the running server answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    report(
      file,
      `${res.headers.get('x-atlas-entries') ?? '?'} entries, taken by the running server (pid ${holder})`,
    );
    return;
  }
  const release = holdDataDir(dataDir);
  try {
    const pglite = await createPGlite({ dataDir });
    try {
      const { rows } = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM entries');
      await pglite.exec('CHECKPOINT');
      const blob = await pglite.dumpDataDir('gzip');
      writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
      report(file, `${rows[0]?.n ?? 0} entries, server stopped`);
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

function backupPostgres(url: string, file: string): void {
  const result = spawnSync(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, url],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.error) fail(`pg_dump is not available (${result.error.message}); install postgresql-client`);
  if (result.status !== 0) fail(`pg_dump exited with ${result.status}`);
  report(file, 'pg_dump custom format; restore with npm run restore or pg_restore');
}

function report(file: string, what: string): void {
  const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`backup written: ${file} (${mb} MB, ${what})`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: npm run backup [-- <file>]   (ATLAS_DATA_DIR or DATABASE_URL as for npm start)');
    return;
  }
  const url = process.env.DATABASE_URL?.trim();
  const file = resolve(args[0] ?? (url ? `atlas-backup-${stamp()}.dump` : `atlas-backup-${stamp()}.tar.gz`));
  if (url) backupPostgres(url, file);
  else await backupEmbedded(resolve(process.env.ATLAS_DATA_DIR?.trim() || './data'), file);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
}
