import type { Kysely } from 'kysely';
import type { Database, RevisionOp } from '../../../db/database';

/** The NOTIFY channel that wakes the live hubs of every server process when revisions commit. */
export const LIVE_CHANNEL = 'atlas_live';

/**
 * The advisory lock key (a bigint, as pg_locks shows it) that every revision writer holds in shared mode
 * from before it takes a revision id until it ends: how the live feed tells a late commit from a rollback.
 * The revisions id's default takes it (migration 0008), so no writer can forget it; writers never wait
 * for each other on it.
 */
export const REVISION_WRITERS_LOCK = { key: 7_264_001, classid: 0, objid: 7_264_001 } as const;

export interface NewRevision {
  entryId: string;
  version: number;
  op: RevisionOp;
  changes: Record<string, unknown>;
  snapshot: Record<string, unknown>;
  actorId: string | null;
  actorName: string | null;
  workshopId?: string | null;
  importId?: string | null;
  revertedFrom?: string | null;
}

/**
 * Appends revisions inside the caller's transaction; a trigger queues the NOTIFY for commit. Returns the
 * new ids. Ids may commit out of order: readers of the live feed wait at gaps (see RevisionFrontier).
 */
export async function insertRevisions(trx: Kysely<Database>, revisions: NewRevision[]): Promise<string[]> {
  if (revisions.length === 0) return [];
  const rows = await trx
    .insertInto('revisions')
    .values(
      revisions.map((r) => ({
        entry_id: r.entryId,
        version: r.version,
        op: r.op,
        changes: JSON.stringify(r.changes),
        snapshot: JSON.stringify(r.snapshot),
        actor_id: r.actorId,
        actor_name: r.actorName,
        workshop_id: r.workshopId ?? null,
        import_id: r.importId ?? null,
        reverted_from: r.revertedFrom ?? null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
