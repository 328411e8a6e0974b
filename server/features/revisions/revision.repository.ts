import { type Kysely, sql } from 'kysely';
import type { Database, RevisionOp } from '../../../db/database';

/** The NOTIFY channel that carries committed revision ids between server processes. */
export const LIVE_CHANNEL = 'atlas_live';

// Revision ids must become visible in id order, or a reader of "id > last" could skip one that commits
// late. A transaction-scoped advisory lock serializes revision writers from id allocation to commit.
const REVISION_LOCK = 7_264_001;

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
 * Appends revisions inside the caller's transaction and queues a NOTIFY for commit.
 * Call it last in the transaction (it takes the revision lock until commit). Returns the new ids.
 */
export async function insertRevisions(trx: Kysely<Database>, revisions: NewRevision[]): Promise<string[]> {
  if (revisions.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(${REVISION_LOCK})`.execute(trx);
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
  const ids = rows.map((r) => r.id);
  const last = ids[ids.length - 1];
  await sql`SELECT pg_notify(${LIVE_CHANNEL}, ${last})`.execute(trx);
  return ids;
}
