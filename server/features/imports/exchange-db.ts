import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../../db/database';

/**
 * The database handle for imports, exports and sync. On PostgreSQL it is the app's. On the embedded engine
 * it is one connection of its own: pglite-socket runs every connection on one backend and interleaves the
 * protocol messages of concurrent statements outside a transaction (a Parse from one connection replaces
 * another's before its Bind: "unnamed prepared statement does not exist"), so a background import and the
 * requests that follow its progress must not run their statements side by side.
 */
export function exchangeDatabase(app: FastifyInstance): { db: Kysely<Database>; close(): Promise<void> } {
  if (app.database.engine !== 'embedded') return { db: app.db, close: async () => {} };
  const pool = new pg.Pool({
    connectionString: app.database.connectionString,
    max: 1,
    connectionTimeoutMillis: 60_000,
  });
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}
