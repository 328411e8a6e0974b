import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database';
import { openEmbedded } from './embedded';

/** How the app reached its database; `close` releases everything it opened. */
export interface DatabaseHandle {
  engine: 'embedded' | 'postgres';
  db: Kysely<Database>;
  pool: pg.Pool;
  /** A connection string for dedicated connections (the live LISTEN connection). */
  connectionString: string;
  /** False on the embedded engine: its socket bridge does not deliver NOTIFY (DESIGN §4). */
  notifyDelivered: boolean;
  /** Embedded on disk: the data directory this process holds. */
  dataDir?: string;
  /**
   * Embedded only: a consistent copy of the whole database, as a gzipped tarball that PGlite loads again
   * (`loadDataDir`). Taken in one synchronous pass of the single-threaded engine, so no write interleaves.
   */
  snapshot?: () => Promise<Blob>;
  close(): Promise<void>;
}

/** The database cannot be used; the message is one line meant for the operator. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** Embedded only: start from this dump (a migrated template) instead of a data directory. */
  loadDataDir?: Blob;
  poolSize?: number;
}

// bigint (revision ids, counts) stay strings so no precision is lost; numeric too.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 20);
  const dataDir = options.loadDataDir ? undefined : resolve(options.dataDir ?? './data');
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const embedded = await openEmbedded({ dataDir, loadDataDir: options.loadDataDir });
    const pool = newPool(embedded.connectionString, options.poolSize ?? 8);
    const handle = wrap('embedded', pool, embedded.connectionString, false, async () => {
      await embedded.close();
      releaseLock();
    });
    return { ...handle, dataDir, snapshot: () => embedded.pglite.dumpDataDir('gzip') };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = newPool(url, poolSize);
  try {
    const { rows } = await pool.query<{ available: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis') AS available",
    );
    if (!rows[0]?.available) {
      throw new DatabaseUnavailableError(
        'PostGIS is not installed on this PostgreSQL server (install postgresql-<version>-postgis-3)',
      );
    }
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(`cannot reach the database at ${redact(url)}: ${oneLine(error)}`);
  }
  return wrap('postgres', pool, url, true, async () => {});
}

function newPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

function wrap(
  engine: DatabaseHandle['engine'],
  pool: pg.Pool,
  connectionString: string,
  notifyDelivered: boolean,
  closeEngine: () => Promise<void>,
): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    engine,
    db,
    pool,
    connectionString,
    notifyDelivered,
    close() {
      closing ??= (async () => {
        await db.destroy().catch(() => {});
        await closeEngine();
      })();
      return closing;
    },
  };
}

/** Two processes on one PGlite data directory would corrupt it: refuse the second one. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'atlas.lock');
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseUnavailableError(`the data directory ${dataDir} is in use by process ${pid}`);
    }
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function oneLine(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message || e.code || String(error);
  return message.split('\n')[0] ?? message;
}
