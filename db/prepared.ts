import { createHash } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import type { DatabaseHandle } from './connect';

const names = new Map<string, string>();

/** What queryPrepared needs of the database handle. */
export type PreparedTarget = Pick<DatabaseHandle, 'engine' | 'pool' | 'db'>;

/**
 * Runs a compiled query as a named prepared statement on PostgreSQL: each pooled connection parses and
 * plans it once instead of on every call (for an entry's creation, planning cost more than running it).
 * The name is a hash of the text, so two shapes of one query are two statements. On the embedded engine
 * every connection shares PGlite's one backend, where such names would collide: the query runs unnamed.
 */
export async function queryPrepared<R>(database: PreparedTarget, query: CompiledQuery<R>): Promise<R[]> {
  if (database.engine !== 'postgres') return (await database.db.executeQuery(query)).rows;
  let name = names.get(query.sql);
  if (!name) {
    name = `atlas_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
    // Shapes are few (a query with or without a geometry…); the bound only guards against a caller
    // that would inline values into the text.
    if (names.size < 1_000) names.set(query.sql, name);
  }
  const result = await database.pool.query({ name, text: query.sql, values: [...query.parameters] });
  return result.rows as R[];
}
