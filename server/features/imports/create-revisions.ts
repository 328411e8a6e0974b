import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import { insertRevisions, LIVE_CHANNEL, type NewRevision } from '../revisions/revision.repository';
import { diffSnapshots, snapshotSql, snapshotsOf, TRACKED_FIELDS } from './entry-snapshot';
import type { BatchContext } from './write-batch';

/**
 * Appends the `create` revisions of a batch of new entries, and any other revisions of the batch, last in
 * the caller's transaction. The first revision goes through insertRevisions, which takes the revisions
 * lock (held until commit) and queues a NOTIFY; the create revisions of the other entries are then built
 * and inserted by one INSERT … SELECT (snapshot and changes computed in SQL, not shipped through the app;
 * their themes come from the batch itself, which are exactly the ones just written),
 * and a NOTIFY carries the last id. Returns the new revision ids in order.
 */
export async function appendBatchRevisions(
  trx: Kysely<Database>,
  ctx: BatchContext,
  created: Array<{ id: string; themes: string[] }>,
  others: NewRevision[],
): Promise<string[]> {
  if (created.length === 0) return insertRevisions(trx, others);
  const [{ id: first }, ...rest] = created as [{ id: string }, ...Array<{ id: string; themes: string[] }>];
  const snapshot = (await snapshotsOf(trx, [first])).get(first);
  const head: NewRevision[] = snapshot
    ? [
        {
          entryId: first,
          version: snapshot.version,
          op: 'create',
          changes: diffSnapshots(null, snapshot.snapshot),
          snapshot: snapshot.snapshot,
          actorId: ctx.actorId,
          actorName: ctx.actorName,
          importId: ctx.importId,
        },
      ]
    : [];
  const ids = await insertRevisions(trx, [...head, ...others]);
  if (rest.length === 0) return ids;
  // OFFSET 0 keeps the subquery from being flattened: otherwise each `s.snap -> k` would rebuild the snapshot.
  const { rows } = await sql<{ id: string }>`
    INSERT INTO revisions (entry_id, version, op, changes, snapshot, actor_id, actor_name, import_id)
    SELECT s.id, s.version, 'create',
      (SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(NULL, s.snap -> k)), '{}'::jsonb)
        FROM unnest(${[...TRACKED_FIELDS]}::text[]) AS k
        WHERE s.snap -> k NOT IN ('null'::jsonb, '""'::jsonb, 'false'::jsonb, '[]'::jsonb)),
      s.snap, ${ctx.actorId}::uuid, ${ctx.actorName}, ${ctx.importId}::uuid
    FROM (SELECT e.id, e.version,
        ${snapshotSql(sql`coalesce((SELECT jsonb_agg(x ORDER BY x) FROM unnest(r.themes) AS x), '[]'::jsonb)`)} AS snap
      FROM jsonb_to_recordset(${JSON.stringify(rest)}::jsonb) AS r(id uuid, themes text[])
      JOIN entries e ON e.id = r.id
      ORDER BY e.id OFFSET 0) AS s
    RETURNING id`.execute(trx);
  const all = [...ids, ...rows.map((r) => r.id)];
  await sql`SELECT pg_notify(${LIVE_CHANNEL}, ${all[all.length - 1]})`.execute(trx);
  return all;
}
