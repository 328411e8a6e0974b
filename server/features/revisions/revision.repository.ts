import { type Kysely, sql } from 'kysely';
import type { Database, RevisionOp } from '../../../db/database';

/** The NOTIFY channel that carries committed revision ids between server processes. */
export const LIVE_CHANNEL = 'atlas_live';

/**
 * The advisory lock key (a bigint, as pg_locks shows it) that every revision writer holds in shared mode
 * from before it takes revision ids until it ends: how the live feed tells a late commit from a rollback.
 * Writers never wait for each other on it.
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
 * Appends revisions inside the caller's transaction and queues a NOTIFY for commit. Returns the new ids.
 * Ids may commit out of order; readers of the live feed wait at gaps (see RevisionFrontier), which relies on
 * the writer holding REVISION_WRITERS_LOCK before it takes an id: `beginRevisionWrite` takes it.
 */
export async function insertRevisions(trx: Kysely<Database>, revisions: NewRevision[]): Promise<string[]> {
  if (revisions.length === 0) return [];
  await beginRevisionWrite(trx);
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

/**
 * Before a transaction takes revision ids: takes the shared writers' lock (held until the transaction
 * ends) and queues the NOTIFY that wakes every process's live hub at commit.
 */
export async function beginRevisionWrite(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${REVISION_WRITERS_LOCK.key}::bigint),
    pg_notify(${LIVE_CHANNEL}, '')`.execute(trx);
}
