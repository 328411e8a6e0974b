import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import { insertRevisions, type NewRevision } from '../revisions/revision.repository';
import { createChangesSql, snapshotSql } from './entry-snapshot';
import type { BatchContext } from './write-batch';

/**
 * Appends the `create` revisions of a batch of new entries, and any other revisions of the batch. Call it
 * last in the transaction, right before commit: the live feed waits at a revision id that is taken but not
 * yet committed (migration 0008), so the time between the two is the feed's delay for everyone. The
 * create revisions are built and inserted by one INSERT … SELECT (snapshot and changes computed in SQL
 * from the columns, not shipped through the app; their themes come from the batch itself, which are
 * exactly the ones just written); the id's default takes the writers' lock and a trigger queues the
 * NOTIFY. Returns the last new revision id, or null when there is none.
 */
export async function appendBatchRevisions(
  trx: Kysely<Database>,
  ctx: BatchContext,
  created: Array<{ id: string; themes: string[] }>,
  others: NewRevision[],
): Promise<string | null> {
  const ids = await insertRevisions(trx, others);
  if (created.length === 0) return lastOf(ids);
  // The themes' jsonb is built once per entry in a lateral (an aggregate, so never inlined twice).
  const themes = sql`t.themes`;
  const { rows } = await sql<{ last: string | null }>`
    WITH inserted AS (
      INSERT INTO revisions (entry_id, version, op, changes, snapshot, actor_id, actor_name, import_id)
      SELECT e.id, e.version, 'create', ${createChangesSql(themes)}, ${snapshotSql(themes)},
        ${ctx.actorId}::uuid, ${ctx.actorName}, ${ctx.importId}::uuid
      FROM json_to_recordset(${JSON.stringify(created)}::json) AS r(id uuid, themes text[])
      JOIN entries e ON e.id = r.id
      CROSS JOIN LATERAL (
        SELECT coalesce(jsonb_agg(x ORDER BY x), '[]'::jsonb) AS themes FROM unnest(r.themes) AS x) AS t
      ORDER BY e.id
      RETURNING id)
    SELECT max(id)::text AS last FROM inserted`.execute(trx);
  return rows[0]?.last ?? lastOf(ids);
}

function lastOf(ids: string[]): string | null {
  return ids[ids.length - 1] ?? null;
}
