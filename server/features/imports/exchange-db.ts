import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '../../../db/connect';
import type { Database } from '../../../db/database';

interface Shared {
  db: Kysely<Database>;
  pool: pg.Pool;
  users: number;
}

const shared = new WeakMap<DatabaseHandle, Shared>();

/**
 * The database handle of imports, exports and sync. On PostgreSQL it is the app's. On the embedded engine
 * it is one connection shared by the three: pglite-socket runs every connection on one backend and
 * interleaves the protocol messages of concurrent statements outside a transaction (a Parse from one
 * connection replaces another's before its Bind: "unnamed prepared statement does not exist"), so a
 * background import, an export and the requests that follow an import's progress must take turns.
 */
export function exchangeDatabase(app: FastifyInstance): {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
} {
  const handle = app.database;
  if (handle.engine !== 'embedded') return { db: app.db, pool: handle.pool, close: async () => {} };
  let entry = shared.get(handle);
  if (!entry) {
    const pool = new pg.Pool({
      connectionString: handle.connectionString,
      max: 1,
      connectionTimeoutMillis: 120_000,
    });
    pool.on('error', () => {});
    entry = { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool, users: 0 };
    shared.set(handle, entry);
  }
  entry.users++;
  const current = entry;
  let closed = false;
  return {
    db: current.db,
    pool: current.pool,
    async close() {
      if (closed) return;
      closed = true;
      current.users--;
      if (current.users === 0) {
        shared.delete(handle);
        await current.db.destroy();
      }
    },
  };
}
