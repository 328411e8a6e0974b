import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { LiveBus } from '../../plugins/live-bus';
import { diffSnapshots, snapshotsOf } from '../imports/entry-snapshot';
import { type BatchContext, revision } from '../imports/write-batch';
import { insertRevisions } from '../revisions/revision.repository';

const BATCH = 500;

/**
 * Archives (never deletes) the entries of a source that its latest file no longer has, in batches, each
 * with its `status` revisions under the sync's import. Returns how many were archived.
 */
export async function archiveMissing(
  db: Kysely<Database>,
  liveBus: LiveBus,
  ctx: BatchContext,
  seenRefs: Set<string>,
): Promise<number> {
  const seen = [...seenRefs];
  let archived = 0;
  for (;;) {
    const { count, ids } = await db.transaction().execute(async (trx) => {
      const { rows: targets } = await sql<{ id: string }>`
        SELECT id FROM entries
        WHERE source = ${ctx.source} AND source_ref IS NOT NULL AND deleted_at IS NULL AND status <> 'archived'
          AND NOT (source_ref = ANY(${seen}::text[]))
        ORDER BY id LIMIT ${BATCH} FOR UPDATE`.execute(trx);
      if (targets.length === 0) return { count: 0, ids: [] as string[] };
      const targetIds = targets.map((t) => t.id);
      const before = await snapshotsOf(trx, targetIds);
      await sql`UPDATE entries SET status = 'archived', version = version + 1, updated_at = now()
        WHERE id = ANY(${targetIds}::uuid[])`.execute(trx);
      const after = await snapshotsOf(trx, targetIds);
      const revisions = targetIds.flatMap((id) => {
        const a = after.get(id);
        const b = before.get(id);
        return a && b
          ? [revision(ctx, id, a.version, 'status', diffSnapshots(b.snapshot, a.snapshot), a.snapshot)]
          : [];
      });
      return { count: targetIds.length, ids: await insertRevisions(trx, revisions) };
    });
    const last = ids[ids.length - 1];
    if (last) liveBus.committed(last);
    archived += count;
    if (count < BATCH) return archived;
  }
}
